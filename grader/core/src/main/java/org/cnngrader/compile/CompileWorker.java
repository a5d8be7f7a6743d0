package org.cnngrader.compile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The grader's end of one compile worker ({@link CompileWorkerMain}): a JVM with a heap of its own
 * that is kept warm across a batch, given a time limit per compilation, and killed and replaced
 * when a submission's sources exhaust it. Workers are shared by the grader's threads: a warm worker
 * compiles a submission in a tenth of a second, so a thread waits for a busy one rather than pay
 * for starting and warming another (about a second of CPU), unless it stays busy.
 */
final class CompileWorker {

  /** The worker's heap: javac compiles a course's largest submission in a tenth of it. */
  static final int HEAP_MEBIBYTES = 512;

  /**
   * How long a thread waits for a busy worker before it starts one of its own: longer than a
   * worker's start and first, cold compilation; a worker busy for longer is on a bomb.
   */
  private static final Duration PATIENCE = Duration.ofSeconds(3);

  /** Idle workers, the most recently used first; also the lock of {@link #running}. */
  private static final Deque<CompileWorker> IDLE = new ArrayDeque<>();

  private static int running;

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  synchronized (IDLE) {
                    IDLE.forEach(CompileWorker::kill);
                  }
                },
                "kill-compile-workers"));
  }

  private final Process process;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final ExecutorService reader;
  private volatile String step = "";
  private volatile String origin = "";
  private boolean dead;

  private CompileWorker(Process process) {
    this.process = process;
    this.in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    this.out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
    this.reader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "compile-worker-reader");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Compiles {@code files} into {@code classes} in a pooled worker, within {@code limit}; a worker
   * that ran out of time or memory is not reused.
   */
  static Javac.Run compile(
      List<Path> files, Path classes, Map<String, String> origins, Duration limit) {
    CompileWorker worker = borrow();
    Javac.Run run;
    try {
      run = worker.run(new CompileProtocol.Request(files, classes, origins), limit);
    } catch (RuntimeException | Error e) {
      worker.retire();
      throw e;
    }
    if (worker.dead || run.spent()) {
      worker.retire();
    } else {
      synchronized (IDLE) {
        IDLE.push(worker);
        IDLE.notifyAll();
      }
    }
    return run;
  }

  /** An idle worker, else one that became idle within {@link #PATIENCE}, else a new one. */
  private static CompileWorker borrow() {
    synchronized (IDLE) {
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (true) {
        CompileWorker idle = IDLE.poll();
        if (idle != null && idle.process.isAlive()) {
          return idle;
        }
        if (idle != null) {
          running--;
          continue;
        }
        long left = deadline - System.nanoTime();
        if (running == 0 || left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(IDLE, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for a compile worker", e);
        }
      }
      running++;
    }
    try {
      return start();
    } catch (IOException e) {
      synchronized (IDLE) {
        running--;
        IDLE.notifyAll();
      }
      throw new IllegalStateException("the compile worker could not be started: " + e, e);
    }
  }

  /** Kills this worker and lets a waiting thread start another. */
  private void retire() {
    kill();
    synchronized (IDLE) {
      running--;
      IDLE.notifyAll();
    }
  }

  private static CompileWorker start() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-Xmx" + HEAP_MEBIBYTES + "m",
            "-XX:MaxMetaspaceSize=256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError",
            "-XX:-UsePerfData",
            "-Djava.awt.headless=true",
            "-cp",
            ownLocation().toString(),
            CompileWorkerMain.class.getName());
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().retainAll(List.of("PATH", "LANG", "HOME", "TMPDIR"));
    return new CompileWorker(builder.start());
  }

  /** Where this class was loaded from: the worker needs nothing else. */
  private static Path ownLocation() {
    try {
      return Path.of(
          CompileWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the grader's location is not a path", e);
    }
  }

  private Javac.Run run(CompileProtocol.Request request, Duration limit) {
    step = "";
    origin = "";
    Future<Javac.Run> answer =
        reader.submit(
            () -> {
              CompileProtocol.writeRequest(out, request);
              while (true) {
                byte tag = in.readByte();
                if (tag == CompileProtocol.STEP) {
                  step = CompileProtocol.readText(in);
                  origin = CompileProtocol.readText(in);
                } else if (tag == CompileProtocol.RESULT) {
                  return CompileProtocol.readResult(in);
                } else {
                  throw new IOException("unknown tag " + tag);
                }
              }
            });
    try {
      return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      dead = true;
      return Javac.Run.failureIn(origin, CompilerWords.tookTooLong(limit, step, origin));
    } catch (ExecutionException e) {
      dead = true;
      Integer status = exitStatus();
      // -XX:+ExitOnOutOfMemoryError ends the JVM with status 3.
      return Javac.Run.failureIn(
          origin,
          status != null && status == 3
              ? CompilerWords.ranOutOfMemory(HEAP_MEBIBYTES, step, origin)
              : CompilerWords.ended(status, step, origin));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      dead = true;
      return Javac.Run.failure("compilation was interrupted");
    }
  }

  private Integer exitStatus() {
    try {
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        return process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  private void kill() {
    process.destroyForcibly();
    reader.shutdownNow();
  }
}
