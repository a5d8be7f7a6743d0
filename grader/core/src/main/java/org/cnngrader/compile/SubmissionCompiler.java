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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.cnngrader.files.SubmissionFiles;
import org.cnngrader.runner.LayerContract;

/**
 * Compiles a submission folder with the JDK's compiler in a compile worker, a JVM of its own with a
 * bounded heap and a time limit (see {@link CompileWorker}): no annotation processing, and
 * tolerance for what students really hand in (see {@link SourceFile}). Where the folder holds
 * {@code src/main/java}, only that is compiled. A source file larger than {@link #MAX_FILE_BYTES}
 * is refused before the compiler sees it.
 */
public final class SubmissionCompiler {

  /**
   * Where the grader keeps its copies of the template's records ({@code contract/Gradients.java}),
   * supplied to submissions that lack one.
   */
  static final String CONTRACT_RECORDS = "contract/";

  private final String contractPackage;
  private final Map<String, String> contractFiles = new LinkedHashMap<>();
  private final List<String> records = new ArrayList<>();

  /** Each record as the contracts declare it, for one the grader keeps no copy of. */
  private final Map<String, String> recordDeclarations = new LinkedHashMap<>();

  private final Duration timeLimit;

  /** The largest source file compiled: a layer takes a few KB; a generated bomb takes megabytes. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  /**
   * @param contracts the layers whose classes the grader will load, e.g. {@code cnn.Conv2d}; the
   *     first one's package is where files without a package declaration go, and the records their
   *     steps return are supplied from the template where a submission has none
   */
  public SubmissionCompiler(List<LayerContract> contracts, Duration timeLimit) {
    if (contracts.isEmpty()) {
      throw new IllegalArgumentException("a submission is compiled for at least one class");
    }
    String first = contracts.get(0).className();
    int dot = first.lastIndexOf('.');
    this.contractPackage = dot < 0 ? "" : first.substring(0, dot);
    for (LayerContract contract : contracts) {
      contractFiles.put(contract.className().replace('.', '/') + ".java", contract.className());
      contract.recordTypes().stream().filter(r -> !records.contains(r)).forEach(records::add);
      contract.recordDeclarations().forEach(recordDeclarations::putIfAbsent);
    }
    this.timeLimit = timeLimit;
  }

  /**
   * Compiles {@code submission} into {@code workFolder}/classes, staging normalized sources beside
   * it.
   */
  public Compilation compile(Path submission, Path workFolder) throws IOException {
    Path sourceRoot = SubmissionFiles.sourceRoot(submission);
    List<Path> links = new ArrayList<>();
    List<Path> files = javaFiles(sourceRoot, links);
    if (files.isEmpty()) {
      return new Compilation.NoSources(
          links.isEmpty()
              ? "no Java files found"
              : "no Java files found (symbolic links are not followed: "
                  + display(submission, links.get(0))
                  + ")");
    }
    List<String> notes = new ArrayList<>();
    for (Path link : links) {
      // A link could point at any file of the grader's, fixtures included: never read through one.
      notes.add(display(submission, link) + ": left out, it is a symbolic link (hand in the file)");
    }
    if (!sourceRoot.equals(submission)) {
      notes.add("compiled only " + display(submission, sourceRoot) + "/ (a Maven layout)");
    }
    Optional<Path> oversized = files.stream().filter(SubmissionCompiler::tooLarge).findFirst();
    if (oversized.isPresent()) {
      return new Compilation.Failed(
          display(submission, oversized.get())
              + ": error: the file is "
              + megabytes(Files.size(oversized.get()))
              + "; the grader compiles source files of at most "
              + megabytes(MAX_FILE_BYTES)
              + " (a layer takes a few KB)",
          notes);
    }
    Map<String, SourceFile> byTarget = stage(submission, files, notes);
    for (String record : records) {
      supplyRecord(record, byTarget, notes);
    }
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
    Javac.Run run = CompileWorker.compile(stagedFiles, classes, origins, timeLimit);
    if (run.succeeded()) {
      return new Compilation.Compiled(classes, notes);
    }
    return withoutStrayFiles(byTarget, staged, classes, origins, run, notes)
        .orElseGet(() -> new Compilation.Failed(run.messages(), notes));
  }

  /**
   * A file that does not compile must cost only what needs it: compile again without the files that
   * fail (and then without those that needed them, until what is left compiles), and say so. A
   * contract class left out that way is reported, so that only its layer's parts are lost. When
   * every contract class handed in would be left out, the first run's messages stand.
   */
  private Optional<Compilation> withoutStrayFiles(
      Map<String, SourceFile> byTarget,
      Path staged,
      Path classes,
      Map<String, String> origins,
      Javac.Run failed,
      List<String> notes)
      throws IOException {
    Map<String, String> leftOut = new LinkedHashMap<>();
    Javac.Run run = failed;
    while (true) {
      Set<String> failing = run.failingOrigins();
      if (failing.isEmpty()) {
        return Optional.empty();
      }
      for (String origin : failing) {
        leftOut.putIfAbsent(origin, run.firstErrorOf(origin));
      }
      List<Path> kept = new ArrayList<>();
      byTarget.forEach(
          (target, source) -> {
            if (!leftOut.containsKey(source.origin())) {
              kept.add(staged.resolve(target));
            }
          });
      Map<String, String> classesLeftOut = contractClassesLeftOut(byTarget, leftOut);
      long handedIn = contractFiles.keySet().stream().filter(byTarget::containsKey).count();
      if (kept.isEmpty() || classesLeftOut.size() == handedIn) {
        // No layer left to grade: the compiler's own messages say best what went wrong.
        return Optional.empty();
      }
      deleteContents(classes);
      run = CompileWorker.compile(kept, classes, origins, timeLimit);
      if (run.succeeded()) {
        List<String> adjusted = new ArrayList<>(notes);
        leftOut.forEach(
            (origin, error) -> adjusted.add(origin + ": left out, it does not compile: " + error));
        return Optional.of(new Compilation.Compiled(classes, adjusted, classesLeftOut));
      }
    }
  }

  /**
   * The contract classes whose files were left out, each with the first error of its file; a
   * contract class missing from the submission is not among them (it was never handed in).
   */
  private Map<String, String> contractClassesLeftOut(
      Map<String, SourceFile> byTarget, Map<String, String> leftOut) {
    Map<String, String> classes = new LinkedHashMap<>();
    contractFiles.forEach(
        (file, className) -> {
          SourceFile source = byTarget.get(file);
          if (source != null && leftOut.containsKey(source.origin())) {
            classes.put(className, source.origin() + ": " + leftOut.get(source.origin()));
          }
        });
    return classes;
  }

  private static void deleteContents(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(folder)) {
          Files.delete(path);
        }
      }
    }
  }

  private static List<Path> javaFiles(Path root, List<Path> links) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(root)
                    && SubmissionFiles.isSkippedFolder(dir.getFileName().toString())
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
            } else if (attrs.isSymbolicLink() && name.endsWith(".java")) {
              links.add(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    files.sort(Comparator.comparing(Path::toString));
    links.sort(Comparator.comparing(Path::toString));
    return files;
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
        int byTime = time.compareTo(modified.get(target));
        boolean keepNew = byTime != 0 ? byTime > 0 : preferOnTie(source, earlier, target);
        SourceFile kept = keepNew ? source : earlier;
        SourceFile dropped = keepNew ? earlier : source;
        notes.add(
            dropped.origin()
                + " and "
                + kept.origin()
                + " both define "
                + target
                + "; compiled "
                + kept.origin()
                + (byTime != 0
                    ? ", the newer"
                    : " (same time: the one named like its class, nearest the top)"));
        if (!keepNew) {
          continue;
        }
      }
      byTarget.put(target, source);
      modified.put(target, time);
    }
    return byTarget;
  }

  /**
   * Between two copies of equal age: the one named like its class, then the one nearest the top.
   */
  private static boolean preferOnTie(SourceFile candidate, SourceFile current, String target) {
    String name = target.substring(target.lastIndexOf('/') + 1);
    boolean candidateNamed = candidate.origin().endsWith(name);
    boolean currentNamed = current.origin().endsWith(name);
    if (candidateNamed != currentNamed) {
      return candidateNamed;
    }
    return depth(candidate.origin()) < depth(current.origin());
  }

  private static long depth(String origin) {
    return origin.chars().filter(c -> c == '/').count();
  }

  private void supplyRecord(String record, Map<String, SourceFile> byTarget, List<String> notes) {
    boolean present = byTarget.values().stream().anyMatch(s -> s.declares(contractPackage, record));
    // A record no file names is not needed: a submission without that layer compiles without it.
    boolean named = byTarget.values().stream().anyMatch(s -> s.text().contains(record));
    if (present || !named || !contractPackage.equals("cnn")) {
      return;
    }
    String file = record + ".java";
    try (InputStream in = SubmissionCompiler.class.getResourceAsStream(CONTRACT_RECORDS + file)) {
      // A described layer's record has no copy in the jar: it is written as its contract declares
      // it, as the template from the description writes it.
      byte[] text =
          in != null
              ? in.readAllBytes()
              : ("package "
                      + contractPackage
                      + ";\n\npublic "
                      + recordDeclarations.get(record)
                      + " {}\n")
                  .getBytes(StandardCharsets.UTF_8);
      SourceFile source = SourceFile.of(file + " (from the template)", text, contractPackage);
      byTarget.put(source.targetPath(), source);
      notes.add("used the template's " + record + " record (the submission has none)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean tooLarge(Path file) {
    try {
      return Files.size(file) > MAX_FILE_BYTES;
    } catch (IOException e) {
      return false;
    }
  }

  private static String megabytes(long bytes) {
    return java.math.BigDecimal.valueOf(bytes * 10 / (1024 * 1024), 1).toPlainString() + " MiB";
  }

  private static String display(Path submission, Path file) {
    return submission.relativize(file).toString().replace('\\', '/');
  }
}
