package org.cnngrader.compile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a submission folder in the grader's own JVM with the JDK's compiler API: no annotation
 * processing, a time limit, and tolerance for what students really hand in (see {@link
 * SourceFile}). Where the folder holds {@code src/main/java}, only that is compiled.
 */
public final class SubmissionCompiler {

  /** The template's record, supplied to submissions that lack one. */
  static final String CONTRACT_GRADIENTS = "contract/Gradients.java";

  private final String contractPackage;
  private final Duration timeLimit;

  /**
   * @param className the student class the grader will load, e.g. {@code cnn.Conv2d}; its package
   *     is where files without a package declaration go
   */
  public SubmissionCompiler(String className, Duration timeLimit) {
    int dot = className.lastIndexOf('.');
    this.contractPackage = dot < 0 ? "" : className.substring(0, dot);
    this.timeLimit = timeLimit;
  }

  /**
   * Compiles {@code submission} into {@code workFolder}/classes, staging normalized sources beside
   * it.
   */
  public Compilation compile(Path submission, Path workFolder) throws IOException {
    Path sourceRoot = sourceRoot(submission);
    List<Path> files = javaFiles(sourceRoot);
    if (files.isEmpty()) {
      return new Compilation.NoSources("no Java files found");
    }
    List<String> notes = new ArrayList<>();
    if (!sourceRoot.equals(submission)) {
      notes.add("compiled only " + display(submission, sourceRoot) + "/ (a Maven layout)");
    }
    Map<String, SourceFile> byTarget = stage(submission, files, notes);
    supplyGradients(byTarget, notes);
    Path staged = workFolder.resolve("sources");
    Path classes = workFolder.resolve("classes");
    Files.createDirectories(classes);
    List<Path> stagedFiles = new ArrayList<>();
    Map<String, String> origins = new LinkedHashMap<>();
    for (Map.Entry<String, SourceFile> entry : byTarget.entrySet()) {
      Path target = staged.resolve(entry.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, entry.getValue().text(), StandardCharsets.UTF_8);
      stagedFiles.add(target);
      origins.put(target.toAbsolutePath().normalize().toString(), entry.getValue().origin());
    }
    Optional<String> errors = runCompiler(stagedFiles, classes, origins);
    return errors.isPresent()
        ? new Compilation.Failed(errors.get(), notes)
        : new Compilation.Compiled(classes, notes);
  }

  private static Path sourceRoot(Path submission) throws IOException {
    try (Stream<Path> paths = Files.walk(submission)) {
      return paths
          .filter(Files::isDirectory)
          .filter(p -> p.endsWith(Path.of("src", "main", "java")))
          .filter(p -> !isIgnored(submission.relativize(p)))
          .min(Comparator.comparingInt(Path::getNameCount).thenComparing(Path::toString))
          .orElse(submission);
    }
  }

  private static List<Path> javaFiles(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root) && isIgnored(dir.getFileName())
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            String name = file.getFileName().toString();
            if (attrs.isRegularFile()
                && name.endsWith(".java")
                && !name.equals("module-info.java")) {
              files.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(Comparator.comparing(Path::toString));
    return files;
  }

  /**
   * Folders that hold copies, not the student's code: macOS archive metadata, VCS data, build
   * output.
   */
  private static boolean isIgnored(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".")
          || name.equals("__MACOSX")
          || name.equals("target")
          || name.equals("build")) {
        return true;
      }
    }
    return false;
  }

  private Map<String, SourceFile> stage(Path submission, List<Path> files, List<String> notes)
      throws IOException {
    Map<String, SourceFile> byTarget = new LinkedHashMap<>();
    Map<String, FileTime> modified = new LinkedHashMap<>();
    for (Path file : files) {
      SourceFile source =
          SourceFile.of(display(submission, file), Files.readAllBytes(file), contractPackage);
      if (!source.adjustments().isEmpty()) {
        notes.add(source.origin() + ": " + source.adjustments());
      }
      String target = source.targetPath();
      if (!target.endsWith("/" + file.getFileName())
          && !target.equals(file.getFileName().toString())) {
        notes.add(
            source.origin() + ": compiled as " + target.substring(target.lastIndexOf('/') + 1));
      }
      FileTime time = Files.getLastModifiedTime(file);
      SourceFile earlier = byTarget.get(target);
      if (earlier != null) {
        boolean newer = time.compareTo(modified.get(target)) > 0;
        SourceFile kept = newer ? source : earlier;
        SourceFile dropped = newer ? earlier : source;
        notes.add(
            dropped.origin()
                + " and "
                + kept.origin()
                + " both define "
                + target
                + "; compiled the newer, "
                + kept.origin());
        if (!newer) {
          continue;
        }
      }
      byTarget.put(target, source);
      modified.put(target, time);
    }
    return byTarget;
  }

  private void supplyGradients(Map<String, SourceFile> byTarget, List<String> notes) {
    String qualified = contractPackage.isEmpty() ? "Gradients" : contractPackage + ".Gradients";
    boolean present =
        byTarget.values().stream().anyMatch(s -> qualified.equals(s.qualifiedTypeName()));
    if (present || !contractPackage.equals("cnn")) {
      return;
    }
    try (InputStream in = SubmissionCompiler.class.getResourceAsStream(CONTRACT_GRADIENTS)) {
      if (in == null) {
        throw new IllegalStateException(
            "the grader's copy of Gradients.java is missing from its jar");
      }
      SourceFile gradients =
          SourceFile.of("Gradients.java (from the template)", in.readAllBytes(), contractPackage);
      byTarget.put(gradients.targetPath(), gradients);
      notes.add("used the template's Gradients record (the submission has none)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Optional<String> runCompiler(
      List<Path> files, Path classes, Map<String, String> origins) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException(
          "the grader runs on a JRE without a compiler; it needs a JDK");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "javac");
              thread.setDaemon(true);
              return thread;
            });
    try (StandardJavaFileManager fileManager =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-proc:none",
              "--release",
              "17",
              "-encoding",
              "UTF-8",
              "-implicit:none",
              "-Xlint:none",
              "-nowarn",
              "-d",
              classes.toString());
      JavaCompiler.CompilationTask task =
          compiler.getTask(
              null,
              fileManager,
              diagnostics,
              options,
              null,
              fileManager.getJavaFileObjectsFromPaths(files));
      Future<Boolean> result = executor.submit(task::call);
      boolean ok;
      try {
        ok = result.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        result.cancel(true);
        return Optional.of(
            "compilation took longer than " + timeLimit.toSeconds() + " s and was stopped");
      } catch (ExecutionException e) {
        return Optional.of("the compiler failed: " + e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("compilation was interrupted");
      }
      if (ok) {
        return Optional.empty();
      }
      String messages =
          diagnostics.getDiagnostics().stream()
              .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
              .map(d -> format(d, origins))
              .collect(Collectors.joining("\n"));
      return Optional.of(
          messages.isEmpty() ? "the compiler reported failure without a message" : messages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      executor.shutdownNow();
    }
  }

  /** {@code Conv2d.java:12: error: ';' expected}, then the line and a caret, as javac prints it. */
  private static String format(
      Diagnostic<? extends JavaFileObject> diagnostic, Map<String, String> origins) {
    String file = "";
    if (diagnostic.getSource() != null) {
      String path = Path.of(diagnostic.getSource().toUri()).toAbsolutePath().normalize().toString();
      file =
          origins.getOrDefault(path, Path.of(path).getFileName().toString())
              + ":"
              + diagnostic.getLineNumber()
              + ": ";
    }
    StringBuilder text = new StringBuilder(file + "error: " + diagnostic.getMessage(Locale.ROOT));
    sourceLine(diagnostic)
        .ifPresent(
            line -> {
              text.append('\n').append(line);
              long column = diagnostic.getColumnNumber();
              if (column > 0) {
                text.append('\n').append(" ".repeat((int) Math.min(column - 1, 500))).append('^');
              }
            });
    return text.toString();
  }

  private static Optional<String> sourceLine(Diagnostic<? extends JavaFileObject> diagnostic) {
    if (diagnostic.getSource() == null || diagnostic.getLineNumber() < 1) {
      return Optional.empty();
    }
    try {
      String[] lines = diagnostic.getSource().getCharContent(true).toString().split("\n", -1);
      int index = (int) diagnostic.getLineNumber() - 1;
      return index < lines.length ? Optional.of(lines[index].stripTrailing()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String display(Path submission, Path file) {
    return submission.relativize(file).toString().replace('\\', '/');
  }
}
