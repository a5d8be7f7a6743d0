package org.cnngrader.compile;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The JDK's compiler with no annotation processing, its errors worded as javac prints them but with
 * the student's own file names. It runs in a compile worker ({@link CompileWorkerMain}), never in
 * the grader's own JVM: a submission's sources can make javac take any time and memory.
 */
final class Javac {

  /**
   * One compiler run: its error messages, the first error of each file that has one, and whether
   * the compiler itself was left unfit (it ran out of stack, which can leave javac's shared state
   * half-updated): its JVM is then not used again.
   */
  record Run(boolean succeeded, String messages, Map<String, String> firstErrors, boolean spent) {

    Run {
      firstErrors = Map.copyOf(firstErrors);
    }

    Run(boolean succeeded, String messages, Map<String, String> firstErrors) {
      this(succeeded, messages, firstErrors, false);
    }

    Set<String> failingOrigins() {
      return firstErrors.keySet();
    }

    String firstErrorOf(String origin) {
      return firstErrors.getOrDefault(origin, "");
    }

    static Run failure(String message) {
      return new Run(false, message, Map.of());
    }

    /**
     * A failure of the compiler itself while it worked on {@code origin} (none when empty): that
     * file counts as one that does not compile, so the rest of the submission can still be.
     */
    static Run failureIn(String origin, String message) {
      return origin.isEmpty() ? failure(message) : new Run(false, message, Map.of(origin, message));
    }
  }

  /** Told of each step javac takes on a file: parse, enter, analyze or generate. */
  interface Progress {
    void step(String step, String origin);
  }

  private Javac() {}

  /**
   * Compiles {@code files} into {@code classes}; {@code origins} maps each staged file's absolute
   * path to the name the student gave it.
   */
  static Run compile(
      List<Path> files, Path classes, Map<String, String> origins, Progress progress) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException(
          "the grader runs on a JRE without a compiler; it needs a JDK");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter printed = new StringWriter();
    try (StandardJavaFileManager fileManager =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options = new ArrayList<>(targetOptions());
      options.addAll(
          List.of(
              "-proc:none",
              "-encoding",
              "UTF-8",
              "-implicit:none",
              "-Xlint:none",
              "-nowarn",
              // Nothing but the submission itself: not the grader's own class path.
              "-classpath",
              classes.toString(),
              "-sourcepath",
              classes.toString(),
              "-d",
              classes.toString()));
      JavaCompiler.CompilationTask task =
          compiler.getTask(
              printed,
              fileManager,
              diagnostics,
              options,
              null,
              fileManager.getJavaFileObjectsFromPaths(files));
      Steps steps = new Steps(origins, progress);
      ((JavacTask) task).addTaskListener(steps);
      if (task.call()) {
        return new Run(true, "", Map.of());
      }
      return errors(diagnostics, origins, printed.toString(), steps);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Java 17, the language and the API the students are taught. On a JDK 17, javac's own platform
   * classes are exactly that API, and {@code --source}/{@code --target} read them from the JDK's
   * image, which every compilation shares; {@code --release} would open the JDK's {@code ct.sym}
   * archive afresh for each submission, a third of a warm compile's time. A newer JDK needs {@code
   * --release} to hide what was added after 17.
   */
  static List<String> targetOptions() {
    return Runtime.version().feature() == RELEASE
        ? List.of("--source", String.valueOf(RELEASE), "--target", String.valueOf(RELEASE))
        : List.of("--release", String.valueOf(RELEASE));
  }

  private static final int RELEASE = 17;

  /** Reports each step javac starts, with the student's name of the file, and keeps the last. */
  private static final class Steps implements TaskListener {
    private final Map<String, String> origins;
    private final Progress progress;
    private String lastStep = "parse";
    private String lastOrigin = "";

    Steps(Map<String, String> origins, Progress progress) {
      this.origins = origins;
      this.progress = progress;
    }

    @Override
    public void started(TaskEvent event) {
      if (event.getSourceFile() == null) {
        return;
      }
      String path = Path.of(event.getSourceFile().toUri()).toAbsolutePath().normalize().toString();
      lastStep = event.getKind().name().toLowerCase(Locale.ROOT);
      lastOrigin = origins.getOrDefault(path, Path.of(path).getFileName().toString());
      progress.step(lastStep, lastOrigin);
    }
  }

  private static Run errors(
      DiagnosticCollector<JavaFileObject> diagnostics,
      Map<String, String> origins,
      String printed,
      Steps steps) {
    StringBuilder messages = new StringBuilder();
    Map<String, String> firstErrors = new LinkedHashMap<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
      if (diagnostic.getKind() != Diagnostic.Kind.ERROR) {
        continue;
      }
      String origin = origin(diagnostic, origins);
      String text = format(diagnostic, origin);
      messages.append(messages.length() == 0 ? "" : "\n").append(text);
      if (origin != null) {
        firstErrors.putIfAbsent(origin, text.lines().findFirst().orElse(""));
      }
    }
    if (messages.length() == 0) {
      // javac prints what it cannot report as a diagnostic, e.g. running out of stack.
      if (printed.contains("StackOverflowError")) {
        String message = CompilerWords.ranOutOfStack(steps.lastStep, steps.lastOrigin);
        return new Run(false, message, Map.of(steps.lastOrigin, message), true);
      }
      String said = printed.strip().lines().limit(3).reduce((a, b) -> a + "\n" + b).orElse("");
      return Run.failure(said.isEmpty() ? "the compiler reported failure without a message" : said);
    }
    return new Run(false, messages.toString(), firstErrors);
  }

  private static String origin(
      Diagnostic<? extends JavaFileObject> diagnostic, Map<String, String> origins) {
    if (diagnostic.getSource() == null) {
      return null;
    }
    String path = Path.of(diagnostic.getSource().toUri()).toAbsolutePath().normalize().toString();
    return origins.getOrDefault(path, Path.of(path).getFileName().toString());
  }

  /** {@code Conv2d.java:12: error: ';' expected}, then the line and a caret, as javac prints it. */
  private static String format(Diagnostic<? extends JavaFileObject> diagnostic, String origin) {
    String file = origin == null ? "" : origin + ":" + diagnostic.getLineNumber() + ": ";
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
}
