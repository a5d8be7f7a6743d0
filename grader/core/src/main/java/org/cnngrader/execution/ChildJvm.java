package org.cnngrader.execution;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cnngrader.runner.ChildMain;
import org.cnngrader.runner.Member;
import org.cnngrader.runner.Protocol;
import org.cnngrader.runner.Wire;

/**
 * One child JVM holding the student's classes and the runner, and the parent's end of the socket it
 * talks over. Every read from the child is bounded by a time limit; a child that overruns one is
 * killed with all its descendants, and this object is then dead: the caller starts a fresh child
 * for the remaining cases.
 */
final class ChildJvm implements AutoCloseable {

  /** Children still running, so that a grader that is stopped (Ctrl-C, kill) leaves none behind. */
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(ChildJvm::killTree), "kill-children"));
  }

  private final Process process;
  private final Path socketFolder;
  private final SocketChannel channel;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final ExecutorService reader;
  private final Limits limits;
  private boolean dead;

  private ChildJvm(Process process, Path socketFolder, SocketChannel channel, Limits limits) {
    this.process = process;
    this.socketFolder = socketFolder;
    this.channel = channel;
    this.in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
    this.out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
    this.limits = limits;
    this.reader =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread thread = new Thread(r, "child-reader");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts a child on {@code classes} and waits until it has connected; throws if it never does.
   */
  static ChildJvm start(Path classes, String className, Limits limits, OutputCollector output)
      throws IOException {
    Path folder = Files.createTempDirectory("cnn-grader-");
    Path socket = folder.resolve("s");
    Process process = null;
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      server.configureBlocking(false);
      // An empty folder of its own as working directory: nothing of the grader's lies at hand.
      process =
          new ProcessBuilder(command(classes, className, socket, limits))
              .directory(folder.toFile())
              .start();
      LIVE.add(process);
      process.getOutputStream().close();
      output.drain(process.getInputStream(), "stdout");
      output.drain(process.getErrorStream(), "stderr");
      SocketChannel channel = awaitConnection(server, process, limits.startTimeout());
      if (channel == null) {
        throw new IOException(
            process.isAlive()
                ? "the child JVM did not connect within " + limits.startTimeout().toSeconds() + " s"
                : "the child JVM ended before it connected, exit code " + process.exitValue());
      }
      channel.configureBlocking(true);
      Files.deleteIfExists(socket);
      return new ChildJvm(process, folder, channel, limits);
    } catch (IOException | RuntimeException e) {
      if (process != null) {
        killTree(process);
        LIVE.remove(process);
      }
      deleteQuietly(socket, folder);
      throw e;
    }
  }

  private static SocketChannel awaitConnection(
      ServerSocketChannel server, Process process, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      SocketChannel channel = server.accept();
      if (channel != null) {
        return channel;
      }
      if (!process.isAlive()) {
        return null;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
    return null;
  }

  private static List<String> command(Path classes, String className, Path socket, Limits limits) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + limits.heapMegabytes() + "m");
    command.add("-Xss" + limits.stackKilobytes() + "k");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:-UsePerfData");
    command.add("-Djava.awt.headless=true");
    command.add("-cp");
    // The runner comes first, so that a submission cannot replace the runner's classes with its
    // own.
    command.add(runnerLocation() + File.pathSeparator + classes);
    command.add(ChildMain.class.getName());
    command.add(socket.toString());
    command.add(className);
    return command;
  }

  /** The runner's jar (or classes folder): the only grader code on the child's class path. */
  static Path runnerLocation() {
    try {
      return Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("the runner's location is not a path", e);
    }
  }

  /**
   * The child's first message: which members of the contract are missing, and what was found
   * instead.
   */
  Map<Member, String> readContract() throws IOException {
    Map<Member, String> problems = new EnumMap<>(Member.class);
    CallOutcome<Void> outcome =
        await(
            limits.startTimeout(),
            () -> {
              int count = in.readInt();
              if (count < 0 || count > Member.values().length) {
                throw new IOException("bad contract report");
              }
              for (int i = 0; i < count; i++) {
                problems.put(member(in.readByte()), Wire.readString(in));
              }
              return new CallOutcome.Returned<>(null);
            });
    if (!(outcome instanceof CallOutcome.Returned)) {
      throw new IOException("the child JVM did not report on the submission's class: " + outcome);
    }
    return problems;
  }

  /**
   * Runs one case; a call that times out or kills the child leaves the later calls as
   * ChildDied/TimedOut.
   */
  CaseRun run(CaseInputs inputs) {
    try {
      out.writeByte(Protocol.RUN_CASE);
      out.writeInt(inputs.stride());
      out.writeInt(inputs.pad());
      Wire.writeArray(out, inputs.x().toNested(), 4);
      Wire.writeArray(out, inputs.w().toNested(), 4);
      Wire.writeArray(out, inputs.b().toNested(), 1);
      Wire.writeArray(out, inputs.dout().toNested(), 4);
      out.flush();
    } catch (IOException e) {
      CallOutcome<Void> died = died();
      return new CaseRun(died, died(), died());
    }
    CallOutcome<Void> constructor = read(limits.callTimeout(), () -> null);
    if (dead) {
      return new CaseRun(
          constructor,
          new CallOutcome.Skipped<>(Member.CONSTRUCTOR),
          new CallOutcome.Skipped<>(Member.CONSTRUCTOR));
    }
    CallOutcome<double[][][][]> forward =
        read(limits.callTimeout(), () -> (double[][][][]) Wire.readArray(in, 4));
    if (dead) {
      return new CaseRun(constructor, forward, new CallOutcome.Skipped<>(Member.FORWARD));
    }
    CallOutcome<ReturnedGradients> backward = read(limits.callTimeout(), this::readGradients);
    return new CaseRun(constructor, forward, backward);
  }

  private ReturnedGradients readGradients() throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    return new ReturnedGradients(
        (double[][][][]) Wire.readArray(in, 4),
        (double[][][][]) Wire.readArray(in, 4),
        (double[]) Wire.readArray(in, 1));
  }

  boolean isDead() {
    return dead;
  }

  private interface Payload<T> {
    T read() throws IOException;
  }

  private <T> CallOutcome<T> read(Duration timeout, Payload<T> payload) {
    return await(timeout, () -> readOutcome(payload));
  }

  private <T> CallOutcome<T> await(Duration timeout, Callable<CallOutcome<T>> message) {
    if (dead) {
      return died();
    }
    Future<CallOutcome<T>> pending = reader.submit(message);
    try {
      return pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      kill();
      return new CallOutcome.TimedOut<>(timeout);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Wire.LimitExceeded) {
        kill();
        return new CallOutcome.Oversized<>(Wire.MAX_ELEMENTS);
      }
      return died();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      return died();
    }
  }

  private <T> CallOutcome<T> readOutcome(Payload<T> payload) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case Protocol.RETURNED -> new CallOutcome.Returned<>(payload.read());
      case Protocol.THREW -> readThrew();
      case Protocol.UNAVAILABLE -> new CallOutcome.Unavailable<>(member(in.readByte()));
      case Protocol.SKIPPED -> new CallOutcome.Skipped<>(member(in.readByte()));
      default -> throw new IOException("unknown tag " + tag);
    };
  }

  private <T> CallOutcome<T> readThrew() throws IOException {
    String type = Wire.readString(in);
    String message = Wire.readString(in);
    int count = in.readInt();
    if (count < 0 || count > 1000) {
      throw new IOException("bad frame count " + count);
    }
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      frames.add(Wire.readString(in));
    }
    return new CallOutcome.Threw<>(type, message, frames);
  }

  private static Member member(byte code) throws IOException {
    try {
      return Member.ofCode(code);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private <T> CallOutcome<T> died() {
    dead = true;
    Integer exitCode = null;
    try {
      if (process.waitFor(2, TimeUnit.SECONDS)) {
        exitCode = process.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    killTree(process);
    return new CallOutcome.ChildDied<>(exitCode);
  }

  private void kill() {
    dead = true;
    killTree(process);
  }

  private static void killTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  @Override
  public void close() {
    if (!dead) {
      try {
        out.writeByte(Protocol.QUIT);
        out.flush();
        process.waitFor(2, TimeUnit.SECONDS);
      } catch (IOException e) {
        // The child is gone already.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    killTree(process);
    LIVE.remove(process);
    reader.shutdownNow();
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to release.
    }
    deleteQuietly(socketFolder.resolve("s"), socketFolder);
  }

  private static void deleteQuietly(Path... paths) {
    for (Path path : paths) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // A temporary folder left behind is harmless.
      }
    }
  }
}
