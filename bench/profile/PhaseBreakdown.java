import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the grader's own JVM spends its time, by phase, from a flight recording of a batch: each
 * execution sample (a Java thread running Java code) goes to the phase of the innermost grader
 * frame on its stack, by the first rule its class and method match. Samples with no grader frame
 * (JDK start-up, the launcher's class loading) are "outside the grader". Prints each phase's share
 * of the samples (multiplied by the CPU time of the JVM's Java threads, that is the phase's CPU),
 * and the time the just-in-time compilers and the garbage collector took, which no sample shows.
 *
 * <p>Usage: java bench/profile/PhaseBreakdown.java RECORDING.jfr
 */
public final class PhaseBreakdown {

  /** Class name prefixes (with an optional "#method") and the phase they stand for, in order. */
  private static final List<String[]> RULES =
      List.of(
          new String[] {"org.cnngrader.execution.ChildJvm#start", "child start (sandbox, socket)"},
          new String[] {"org.cnngrader.sandbox.", "child start (sandbox, socket)"},
          new String[] {"org.cnngrader.resources.", "child bounds (control groups, CPU reads)"},
          new String[] {"org.cnngrader.execution.", "cases (sending inputs, reading results)"},
          new String[] {"org.cnngrader.runner.", "cases (sending inputs, reading results)"},
          new String[] {"org.cnngrader.compile.", "compile (the worker's client)"},
          new String[] {"org.cnngrader.inspect.", "static check"},
          new String[] {"org.cnngrader.intake.", "intake"},
          new String[] {"org.cnngrader.files.", "intake"},
          new String[] {"org.cnngrader.fixture.", "fixtures (reading, parsing)"},
          new String[] {"org.cnngrader.compare.", "comparison"},
          new String[] {"org.cnngrader.bounds.", "comparison"},
          new String[] {"org.cnngrader.diagnosis.", "diagnosis"},
          new String[] {"org.cnngrader.layers.", "diagnosis"},
          new String[] {"org.cnngrader.grading.", "grading (verdicts, points)"},
          new String[] {"org.cnngrader.feedback.", "feedback (wording)"},
          new String[] {"org.cnngrader.report.", "reports and writing"},
          new String[] {"org.cnngrader.batch.", "batch (plan, resume keys, progress)"},
          new String[] {"org.cnngrader.cli.", "command line (start, console)"},
          new String[] {"org.cnngrader.", "other grader code"});

  private PhaseBreakdown() {}

  public static void main(String[] args) throws IOException {
    Map<String, Long> phases = new LinkedHashMap<>();
    Map<String, Long> hottest = new TreeMap<>();
    Map<String, Long> graderMethods = new TreeMap<>();
    long total = 0;
    double compiling = 0;
    double collecting = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      String name = event.getEventType().getName();
      if (name.equals("jdk.Compilation")) {
        compiling += event.getDuration().toNanos() / 1e9;
        continue;
      }
      if (name.equals("jdk.GarbageCollection")) {
        collecting += event.getDuration().toNanos() / 1e9;
        continue;
      }
      if (!name.equals("jdk.ExecutionSample")) {
        continue;
      }
      total++;
      RecordedStackTrace stack = event.getStackTrace();
      String phase = "outside the grader (JDK start-up, class loading)";
      if (stack != null) {
        for (RecordedFrame frame : stack.getFrames()) {
          String type = frame.getMethod().getType().getName();
          String found = phaseOf(type, frame.getMethod().getName());
          if (found != null) {
            phase = found;
            graderMethods.merge(
                threadGroup(threadOf(event))
                    + ": "
                    + type.substring(type.lastIndexOf('.') + 1)
                    + "."
                    + frame.getMethod().getName(),
                1L,
                Long::sum);
            break;
          }
        }
        if (!stack.getFrames().isEmpty()) {
          RecordedFrame top = stack.getFrames().get(0);
          hottest.merge(
              top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
        }
      }
      phases.merge(threadGroup(threadOf(event)) + ": " + phase, 1L, Long::sum);
    }
    System.out.printf(
        Locale.ROOT,
        "just-in-time compilation: %.2f s (compilations of 1 ms or more); garbage collection:"
            + " %.2f s%n",
        compiling,
        collecting);
    System.out.printf(Locale.ROOT, "%d execution samples of Java threads%n", total);
    long all = total;
    phases.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT, "%6.1f%%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
    System.out.println("innermost grader methods:");
    print(graderMethods, all, 40);
    System.out.println("hottest methods (top of stack):");
    hottest.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(15)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT, "%6.1f%%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
  }

  private static void print(Map<String, Long> counts, long all, int limit) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(limit)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT, "%6.1f%%  %s%n", 100.0 * e.getValue() / all, e.getKey()));
  }

  private static String threadOf(RecordedEvent event) {
    return event.getThread("sampledThread") == null
        ? "?"
        : event.getThread("sampledThread").getJavaName();
  }

  /** Which of the grader's threads: the batch's workers, the main thread, or another. */
  private static String threadGroup(String thread) {
    if (thread.startsWith("pool-")) {
      return "worker";
    }
    return thread.equals("main") ? "main" : "other";
  }

  private static String phaseOf(String type, String method) {
    for (String[] rule : RULES) {
      String[] parts = rule[0].split("#", 2);
      if (type.startsWith(parts[0]) && (parts.length == 1 || parts[1].equals(method))) {
        return rule[1];
      }
    }
    return null;
  }
}
