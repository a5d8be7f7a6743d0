import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The floor's compile: every submission compiled in one JVM with the JDK's compiler API, as the
 * grader compiles (no annotation processing, --release 17), into SUBMISSION/classes. The first
 * WARMUP submissions are compiled once untimed, so that the figure printed is the warm compiler's
 * cost: the process's CPU time (every thread: javac, JIT, GC, as /proc/self/stat counts it; the
 * management beans can fail inside a cgroup of their own) over the timed compiles, per submission,
 * in milliseconds.
 *
 * <p>Usage: java -Dclk.tck=$(getconf CLK_TCK) FloorCompile WARMUP SUBMISSION...
 */
public final class FloorCompile {

  private FloorCompile() {}

  public static void main(String[] args) throws IOException {
    int warmup = Integer.parseInt(args[0]);
    List<Path> submissions = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      submissions.add(Path.of(args[i]));
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    for (int i = 0; i < Math.min(warmup, submissions.size()); i++) {
      compile(compiler, submissions.get(i));
    }
    long ticks0 = cpuTicks();
    for (Path submission : submissions) {
      compile(compiler, submission);
    }
    long ticks1 = cpuTicks();
    // The kernel's clock ticks per second (getconf CLK_TCK), 100 on Linux unless told otherwise.
    long ticksPerSecond = Long.getLong("clk.tck", 100);
    System.out.printf(
        Locale.ROOT, "%.1f%n", (ticks1 - ticks0) * 1000.0 / ticksPerSecond / submissions.size());
  }

  /** utime + stime of this process, in clock ticks. */
  private static long cpuTicks() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    // Fields after the command name, which is in parentheses and may hold spaces.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static void compile(JavaCompiler compiler, Path submission) throws IOException {
    Path classes = submission.resolve("classes");
    Files.createDirectories(classes);
    List<Path> sources;
    try (Stream<Path> files = Files.walk(submission)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of("-proc:none", "--release", "17", "-encoding", "UTF-8", "-implicit:none",
              "-nowarn", "-d", classes.toString());
      boolean ok =
          compiler.getTask(null, files, null, options, null,
              files.getJavaFileObjectsFromPaths(sources)).call();
      if (!ok) {
        throw new IllegalStateException(submission + " does not compile");
      }
    }
  }
}
