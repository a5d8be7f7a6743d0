package org.cnngrader.compile;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The JDK's compiler, run in this JVM with no annotation processing and a time limit, its errors
 * worded as javac prints them but with the student's own file names.
 */
final class Javac {

  /** One compiler run: its error messages, and the first error of each file that has one. */
  record Run(boolean succeeded, String messages, Map<String, String> firstErrors) {

    Set<String> failingOrigins() {
      return firstErrors.keySet();
    }

    String firstErrorOf(String origin) {
      return firstErrors.getOrDefault(origin, "");
    }
  }

  private final Duration timeLimit;

  Javac(Duration timeLimit) {
    this.timeLimit = timeLimit;
  }

  /**
   * Compiles {@code files} into {@code classes}; {@code origins} maps each staged file's absolute
   * path to the name the student gave it.
   */
  Run compile(List<Path> files, Path classes, Map<String, String> origins) {
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
      List<String> options = new ArrayList<>(targetOptions());
      options.addAll(
          List.of(
              "-proc:none",
              "-encoding",
              "UTF-8",
              "-implicit:none",
              "-Xlint:none",
              "-nowarn",
              // Nothing but the submission itself: not the grader's own class path, where Jackson
              // or ND4J would compile and then be missing in the child.
              "-classpath",
              classes.toString(),
              "-sourcepath",
              classes.toString(),
              "-d",
              classes.toString()));
      JavaCompiler.CompilationTask task =
          compiler.getTask(
              null,
              fileManager,
              diagnostics,
              options,
              null,
              fileManager.getJavaFileObjectsFromPaths(files));
      AtomicBoolean abandoned = new AtomicBoolean();
      ((JavacTask) task).addTaskListener(new StopWhenAbandoned(abandoned));
      Future<Boolean> result = executor.submit(task);
      try {
        if (result.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
          return new Run(true, "", Map.of());
        }
      } catch (TimeoutException e) {
        abandoned.set(true);
        result.cancel(true);
        return failure(
            "compilation took longer than "
                + BigDecimal.valueOf(timeLimit.toMillis(), 3).stripTrailingZeros().toPlainString()
                + " s and was stopped");
      } catch (ExecutionException e) {
        return failure("the compiler failed: " + e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failure("compilation was interrupted");
      }
      return errors(diagnostics, origins);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      executor.shutdownNow();
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

  /**
   * javac ignores interrupts, so a compilation over the time limit is left to a daemon thread; this
   * listener makes that thread give up at javac's next step (parse, enter, analyze or generate of a
   * file), so that it neither keeps a core busy nor writes into a folder the grader has removed.
   */
  private static final class StopWhenAbandoned implements TaskListener {
    private final AtomicBoolean abandoned;

    StopWhenAbandoned(AtomicBoolean abandoned) {
      this.abandoned = abandoned;
    }

    @Override
    public void started(TaskEvent event) {
      if (abandoned.get()) {
        throw new CancellationException("compilation abandoned after its time limit");
      }
    }
  }

  private static Run failure(String message) {
    return new Run(false, message, Map.of());
  }

  private static Run errors(
      DiagnosticCollector<JavaFileObject> diagnostics, Map<String, String> origins) {
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
    return new Run(
        false,
        messages.length() == 0
            ? "the compiler reported failure without a message"
            : messages.toString(),
        firstErrors);
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
