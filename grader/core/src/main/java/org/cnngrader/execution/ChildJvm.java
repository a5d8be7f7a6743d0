package org.cnngrader.execution;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.cnngrader.files.FileTrees;
import org.cnngrader.resources.ChildResources;
import org.cnngrader.resources.ChildUsage;
import org.cnngrader.runner.Backprop;
import org.cnngrader.runner.ChildMain;
import org.cnngrader.runner.Excerpt;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Member;
import org.cnngrader.runner.Protocol;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;
import org.cnngrader.runner.ValueType;
import org.cnngrader.runner.Wire;
import org.cnngrader.sandbox.Launch;
import org.cnngrader.sandbox.Sandbox;
import org.cnngrader.tensor.NestedArray;

/**
 * One child JVM holding the student's classes and the runner, and the parent's end of the socket it
 * talks over, started in a {@link Sandbox}. Every read from the child is bounded by a time limit; a
 * child that overruns one is killed with everything it started, and this object is then dead: the
 * caller starts a fresh child for the remaining cases.
 */
final class ChildJvm implements AutoCloseable {

  /**
   * A started child and what it takes to end it and everything it started; what it used is read
   * just before the first reap, while its processes and counts are still there.
   */
  private static final class Running {
    private final Process process;
    private final Sandbox sandbox;
    private final Launch launch;
    private ChildUsage usage;

    Running(Process process, Sandbox sandbox, Launch launch) {
      this.process = process;
      this.sandbox = sandbox;
      this.launch = launch;
    }

    /**
     * Reads what the child used, once: before it quits on its own (its processes' counts go with
     * them where no control group keeps them), or before it is killed.
     */
    synchronized void recordUsage() {
      if (usage == null) {
        usage = launch.resources().usage(process.toHandle());
      }
    }

    synchronized void reap() {
      recordUsage();
      sandbox.reap(process, launch);
    }

    synchronized ChildUsage usage() {
      return usage == null ? launch.resources().usage(process.toHandle()) : usage;
    }

    Process process() {
      return process;
    }

    ChildResources resources() {
      return launch.resources();
    }
  }

  /**
   * How long a call may run before its CPU time is read at all: most calls return sooner, and the
   * time until then counts as CPU time (one CPU's worth), so that no call pays for a reading.
   */
  private static final Duration UNREAD = Duration.ofMillis(50);

  /** How often a long call's CPU time is read. */
  private static final Duration POLL = Duration.ofMillis(50);

  /** How often a child that has not connected yet is checked for being alive. */
  private static final Duration START_CHECK = Duration.ofMillis(50);

  /**
   * The clocks of the calls now waiting for an answer, looked at every {@link #TICK} by one thread.
   * A call only joins and leaves the set: a timer scheduled per call woke that thread for each one.
   */
  private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();

  private static final Duration TICK = Duration.ofMillis(25);

  static {
    Thread watchdog =
        new Thread(
            () -> {
              while (true) {
                try {
                  Thread.sleep(TICK.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
                for (Watch watch : WATCHED) {
                  try {
                    watch.tick();
                  } catch (RuntimeException e) {
                    // An unreadable clock this tick: the thread must live on for every other call.
                  }
                }
              }
            },
            "child-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  /** Children still running, so that a grader that is stopped (Ctrl-C, kill) leaves none behind. */
  private static final Set<Running> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> LIVE.forEach(Running::reap), "kill-children"));
  }

  private final Running running;
  private final Process process;
  private final Path folder;
  private final SocketChannel channel;
  private final DataInputStream in;
  private final DataOutputStream out;
  private final Limits limits;
  private final OutputCollector output;
  private final List<OutputCollector.Drain> drains;
  private final List<LayerContract> contracts;
  private final ReturnedArrays arrays = new ReturnedArrays();
  private boolean dead;

  /** The CPU time the calls so far were charged, for the submission's total. */
  private Duration charged = Duration.ZERO;

  /** How long the drains may take to read a section's mark once the child has written it. */
  private static final Duration MARK_TIMEOUT = Duration.ofSeconds(2);

  private ChildJvm(
      Running running,
      Path folder,
      SocketChannel channel,
      Limits limits,
      OutputCollector output,
      List<OutputCollector.Drain> drains,
      List<LayerContract> contracts) {
    this.running = running;
    this.contracts = List.copyOf(contracts);
    this.output = output;
    this.drains = List.copyOf(drains);
    this.process = running.process();
    this.folder = folder;
    this.channel = channel;
    this.in =
        new DataInputStream(
            new BufferedInputStream(Channels.newInputStream(channel), Wire.STREAM_BUFFER));
    this.out =
        new DataOutputStream(
            new BufferedOutputStream(Channels.newOutputStream(channel), Wire.STREAM_BUFFER));
    this.limits = limits;
  }

  /**
   * Starts a child in {@code sandbox} on {@code classes} and waits until it has connected; throws
   * if it never does.
   */
  static ChildJvm start(
      Sandbox sandbox,
      Path classes,
      List<LayerContract> contracts,
      Limits limits,
      OutputCollector output)
      throws IOException {
    Path folder = Files.createTempDirectory(sandbox.childFolders(), "cnn-grader-");
    Running running = null;
    Launch launch = null;
    try {
      launch = sandbox.prepare(folder, runnerLocation(), classes, limits.budget());
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        server.bind(UnixDomainSocketAddress.of(launch.socket()));
        server.configureBlocking(false);
        sandbox.socketBound(launch);
        ProcessBuilder builder =
            new ProcessBuilder(command(launch, limits)).directory(launch.directory().toFile());
        childEnvironment(builder.environment(), launch);
        running = new Running(builder.start(), sandbox, launch);
        LIVE.add(running);
        Process process = running.process();
        process.getOutputStream().close();
        List<OutputCollector.Drain> drains =
            List.of(
                output.drain(process.getInputStream(), "stdout"),
                output.drain(process.getErrorStream(), "stderr"));
        SocketChannel channel = awaitConnection(server, process, limits.startTimeout());
        if (channel == null) {
          throw new IOException(
              process.isAlive()
                  ? "the child JVM did not connect within "
                      + limits.startTimeout().toSeconds()
                      + " s"
                  : "the child JVM ended before it connected, exit code " + process.exitValue());
        }
        channel.configureBlocking(true);
        Files.deleteIfExists(launch.socket());
        ChildJvm child = new ChildJvm(running, folder, channel, limits, output, drains, contracts);
        child.sendContracts();
        return child;
      }
    } catch (IOException | RuntimeException e) {
      if (running != null) {
        running.reap();
        LIVE.remove(running);
      } else if (launch != null) {
        launch.close();
      }
      FileTrees.deleteQuietly(folder);
      throw e;
    }
  }

  /**
   * Nothing of the grader's environment (tokens of a CI job, say) reaches student code: only what a
   * JVM needs.
   */
  private static void childEnvironment(Map<String, String> environment, Launch launch) {
    environment.clear();
    environment.put("PATH", "/usr/bin:/bin");
    environment.put("LANG", "C.UTF-8");
    environment.put("HOME", launch.home().toString());
    // glibc would reserve 64 MiB per thread that allocates; the child's memory bound counts them.
    environment.put("MALLOC_ARENA_MAX", "2");
  }

  /**
   * The child's connection, or null when it ends or the time runs out first. The wait sleeps until
   * the connection comes (a look every 2 ms cost the grader more than the rest of a child's start),
   * waking every {@link #START_CHECK} to see whether the child is still alive.
   */
  private static SocketChannel awaitConnection(
      ServerSocketChannel server, Process process, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Selector selector = Selector.open()) {
      server.register(selector, SelectionKey.OP_ACCEPT);
      while (true) {
        SocketChannel channel = server.accept();
        if (channel != null) {
          return channel;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || !process.isAlive()) {
          return null;
        }
        selector.select(Math.max(1, Math.min(START_CHECK.toMillis(), left / 1_000_000)));
        selector.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
          return null;
        }
      }
    }
  }

  private static List<String> command(Launch launch, Limits limits) {
    List<String> command = new ArrayList<>(launch.prefix());
    command.add(launch.java().toString());
    command.add("-Xmx" + limits.heapMegabytes() + "m");
    command.add("-Xss" + limits.stackKilobytes() + "k");
    command.add("-XX:MaxMetaspaceSize=256m");
    command.add("-XX:MaxDirectMemorySize=64m");
    command.add("-XX:ReservedCodeCacheSize=64m");
    command.add("-XX:+UseSerialGC");
    // Cases are small: the quick compiler alone starts sooner, and the optimizing one would only
    // pay off on far larger inputs than any case holds.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:-UsePerfData");
    command.add("-XX:+DisableAttachMechanism");
    command.add("-Djava.awt.headless=true");
    command.add("-Dfile.encoding=UTF-8");
    // Only the runner is on the class path; it loads the submission's classes itself, per case.
    command.add("-cp");
    command.add(launch.runner().toString());
    command.add(ChildMain.class.getName());
    command.add(launch.childSocket().toString());
    command.add(launch.classes().toString());
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

  private void sendContracts() throws IOException {
    out.writeInt(contracts.size());
    for (LayerContract contract : contracts) {
      contract.writeTo(out);
    }
    out.flush();
  }

  /**
   * The child's first message: for each contract, in the order they were sent, which members are
   * missing, and what was found instead.
   */
  List<Map<Member, String>> readContracts() throws IOException {
    List<Map<Member, String>> reports = new ArrayList<>();
    CallOutcome<Void> outcome =
        await(
            limits.startTimeout(),
            () -> {
              for (LayerContract contract : contracts) {
                int count = in.readInt();
                if (count < 0 || count > contract.members().size()) {
                  throw new IOException("bad contract report");
                }
                Map<Member, String> problems = new LinkedHashMap<>();
                for (int i = 0; i < count; i++) {
                  problems.put(member(in), readText(Excerpt.MESSAGE));
                }
                reports.add(problems);
              }
              return new CallOutcome.Returned<>(null);
            });
    if (!(outcome instanceof CallOutcome.Returned)) {
      throw new IOException("the child JVM did not report on the submission's classes: " + outcome);
    }
    return reports;
  }

  /**
   * Runs one case, each call within {@code limit}; a call that times out or kills the child leaves
   * the later calls skipped.
   */
  CaseRun run(CaseInputs inputs, Duration limit) {
    LayerContract contract = inputs.contract();
    Map<String, CallOutcome<StepOutputs>> steps = new LinkedHashMap<>();
    try {
      out.writeByte(Protocol.RUN_CASE);
      writeInputs(inputs);
      out.flush();
    } catch (IOException e) {
      CallOutcome<Void> died = died();
      contract.steps().forEach(step -> steps.put(step.key(), died()));
      return new CaseRun(died, steps);
    }
    CallOutcome<Void> constructor = read(limit, () -> null);
    Member last = Member.CONSTRUCTOR;
    for (Step step : contract.steps()) {
      if (dead) {
        steps.put(step.key(), new CallOutcome.Skipped<>(last));
        continue;
      }
      steps.put(step.key(), read(limit, () -> readOutputs(step)));
      last = step.member();
    }
    if (dead) {
      return new CaseRun(constructor, steps);
    }
    CallOutcome<CaseEnd> end = await(limit, this::readCaseEnd);
    if (end instanceof CallOutcome.Returned<CaseEnd> returned) {
      CaseEnd caseEnd = returned.value();
      return new CaseRun(
          constructor, steps, caseEnd.changes(), caseEnd.threads(), caseEnd.background());
    }
    return new CaseRun(constructor, steps);
  }

  /**
   * Runs the gradient check on {@code inputs} within {@code limit}: the student's backward beside
   * the centred differences of the student's own forward.
   */
  CallOutcome<ProbedGradients> checkGradients(CaseInputs inputs, Duration limit) {
    try {
      out.writeByte(Protocol.GRADIENT_CHECK);
      writeInputs(inputs);
      out.flush();
    } catch (IOException e) {
      return died();
    }
    LayerContract contract = inputs.contract();
    Backprop backprop = contract.backprop();
    Step backward = contract.stepOf(backprop.backward());
    return read(
        limit,
        () -> {
          StepOutputs analytic = readOutputs(backward);
          Map<String, NestedArray> numerical = new LinkedHashMap<>();
          for (String gradient : backprop.inputOf().keySet()) {
            int rank = contract.gradientType(gradient).rank();
            numerical.put(gradient, arrays.read(in, rank, gradient));
          }
          return ProbedGradients.of(contract, analytic, numerical);
        });
  }

  private void writeInputs(CaseInputs inputs) throws IOException {
    int index = indexOf(inputs.contract());
    if (index < 0) {
      throw new IllegalArgumentException(
          inputs.contract().className() + " is not among the child's layers");
    }
    out.writeInt(index);
    for (Map.Entry<String, ValueType> value : inputs.contract().caseValues().entrySet()) {
      inputs.write(value.getKey(), value.getValue(), out);
    }
  }

  /**
   * Where {@code contract} is among the child's: looked up by identity first, since a case's
   * contract is the very one sent (a record's equals compares every member of the contract, for
   * every case).
   */
  @SuppressWarnings("ReferenceEquality")
  private int indexOf(LayerContract contract) {
    for (int i = 0; i < contracts.size(); i++) {
      if (contracts.get(i) == contract) {
        return i;
      }
    }
    return contracts.indexOf(contract);
  }

  /** A step's outputs, or null when it returned no record. */
  private StepOutputs readOutputs(Step step) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    Map<String, NestedArray> values = new LinkedHashMap<>();
    for (Result.Output output : step.result().outputs()) {
      values.put(output.key(), arrays.read(in, output.type().rank(), output.key()));
    }
    return new StepOutputs(values);
  }

  /**
   * Starts output section {@code section}: the child writes the collector's mark after whatever it
   * printed so far, and this waits (briefly) until the drains have read it, so that the earlier
   * section holds all of its output. A child that does not answer in time is killed. Either way the
   * caller forces the section before the next input is sent.
   */
  void startSection(int section) {
    try {
      out.writeByte(Protocol.SECTION);
      Wire.writeString(out, output.mark(section));
      out.flush();
    } catch (IOException e) {
      died();
      return;
    }
    CallOutcome<Void> marked =
        await(
            limits.callTimeout(),
            () -> {
              byte tag = in.readByte();
              if (tag != Protocol.SECTION_MARKED) {
                throw new IOException("expected a section mark, found tag " + tag);
              }
              return new CallOutcome.Returned<>(null);
            });
    if (!(marked instanceof CallOutcome.Returned)) {
      return; // the child is dead already
    }
    for (OutputCollector.Drain drain : drains) {
      output.awaitSection(drain, section, MARK_TIMEOUT);
    }
  }

  /** The child's report at the end of a case. */
  private record CaseEnd(List<InputChange> changes, List<String> threads, int background) {}

  private CallOutcome<CaseEnd> readCaseEnd() throws IOException {
    byte tag = in.readByte();
    if (tag != Protocol.CASE_END) {
      throw new IOException("expected the end of a case, found tag " + tag);
    }
    List<InputChange> changes = new ArrayList<>();
    int count = boundedCount();
    for (int i = 0; i < count; i++) {
      changes.add(
          new InputChange(
              member(in),
              readText(Excerpt.NAME),
              readText(Excerpt.NAME),
              Double.longBitsToDouble(in.readLong()),
              Double.longBitsToDouble(in.readLong()),
              readText(Excerpt.NAME)));
    }
    List<String> threads = new ArrayList<>();
    int threadCount = boundedCount();
    for (int i = 0; i < threadCount; i++) {
      threads.add(readText(Excerpt.NAME));
    }
    int background = in.readInt();
    return new CallOutcome.Returned<>(new CaseEnd(changes, threads, background));
  }

  /**
   * A string from the child, cut to {@code limit}: the child cuts too, but it is the student's
   * process, so its words are bounded again where they arrive.
   */
  private String readText(int limit) throws IOException {
    return Excerpt.cut(Wire.readString(in), limit);
  }

  private int boundedCount() throws IOException {
    int count = in.readInt();
    if (count < 0 || count > 1000) {
      throw new IOException("bad count " + count);
    }
    return count;
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

  /** What a call's answer is read by; it reads from the child's stream. */
  private interface Message<T> {
    CallOutcome<T> read() throws IOException;
  }

  /**
   * Reads the child's answer while the child has used less than {@code limit} of CPU time, and no
   * longer than {@link Limits#wallBackstop} by the clock; a child over either is killed. The answer
   * is read on this thread; a {@link Watch} on the watchdog's thread closes the stream under it
   * when the call runs out of time. (A thread of its own reading each answer cost the grader two
   * thread switches per call, a tenth of its time per submission.)
   */
  private <T> CallOutcome<T> await(Duration limit, Message<T> message) {
    if (dead) {
      return died();
    }
    long started = System.nanoTime();
    Watch watch = new Watch(limit, started);
    CallOutcome<T> outcome;
    try {
      outcome = message.read();
    } catch (Wire.LimitExceeded e) {
      watch.stop();
      kill();
      return new CallOutcome.Oversized<>(Wire.MAX_ELEMENTS);
    } catch (IOException | RuntimeException e) {
      watch.stop();
      if (Thread.interrupted()) {
        Thread.currentThread().interrupt();
        kill();
        return died();
      }
      return watch.ranOut ? timedOut(watch) : died();
    }
    watch.stop();
    if (watch.ranOut) {
      return timedOut(watch); // it answered just as its time ran out: the stream is closed
    }
    if (watch.first == null) {
      return answered(outcome, started);
    }
    charge(watch.unread.plus(cpuSince(watch.first)));
    return answered(outcome, -1);
  }

  private <T> CallOutcome<T> timedOut(Watch watch) {
    kill();
    charge(watch.used);
    return died(
        () ->
            new CallOutcome.TimedOut<>(
                watch.byClock ? watch.wall : watch.limit, watch.byClock, watch.used));
  }

  /**
   * One call's clock. Until {@link ChildJvm#UNREAD} has passed nothing is read; then the child's
   * CPU time is read every {@link ChildJvm#POLL}, and once the call has used its limit, or lasted
   * the wall backstop, the stream is closed and the child killed, which ends the read that waits
   * for the answer.
   */
  private final class Watch {
    final Duration limit;
    final Duration unread;
    final Duration wall;
    private final long started;

    /** The child's CPU time when the call became long; null while it is quick. */
    volatile Duration first;

    /** Set when the call ran out of time: the CPU time it used, and whether the clock ended it. */
    volatile boolean ranOut;

    volatile Duration used;
    volatile boolean byClock;

    private boolean stopped;
    private long lastLook;

    Watch(Duration limit, long started) {
      this.limit = limit;
      this.unread = UNREAD.compareTo(limit) < 0 ? UNREAD : limit;
      this.wall = Limits.wallBackstop(limit);
      this.started = started;
      WATCHED.add(this);
    }

    /** Called every tick while the call waits. */
    synchronized void tick() {
      if (stopped) {
        return;
      }
      long now = System.nanoTime();
      if (first == null) {
        if (now - started >= unread.toNanos()) {
          first = running.resources().cpuTime(process.toHandle());
          lastLook = now;
        }
        return;
      }
      if (now - lastLook < POLL.toNanos()) {
        return;
      }
      lastLook = now;
      Duration spent = unread.plus(cpuSince(first));
      Duration lasted = Duration.ofNanos(now - started);
      if (spent.compareTo(limit) >= 0 || lasted.compareTo(wall) >= 0) {
        used = spent;
        byClock = spent.compareTo(limit) < 0;
        ranOut = true;
        stopped = true;
        WATCHED.remove(this);
        try {
          channel.close();
        } catch (IOException e) {
          // Closed already: the read has ended.
        }
        process.destroyForcibly();
      }
    }

    /** Ends the watch: the call has ended, or its read has. */
    synchronized void stop() {
      stopped = true;
      WATCHED.remove(this);
    }
  }

  /** The outcome of a call that ended; {@code started}, when not -1, charges its wall time. */
  private <T> CallOutcome<T> answered(CallOutcome<T> outcome, long started) {
    if (started >= 0) {
      charge(Duration.ofNanos(System.nanoTime() - started));
    }
    return outcome instanceof CallOutcome.Exited<T> exited ? exited(exited) : outcome;
  }

  private Duration cpuSince(Duration first) {
    Duration used = running.resources().cpuTime(process.toHandle()).minus(first);
    return used.isNegative() ? Duration.ZERO : used;
  }

  private void charge(Duration cpu) {
    charged = charged.plus(cpu);
  }

  /** The CPU time charged to the calls so far. */
  Duration charged() {
    return charged;
  }

  /** What the child used; complete once it is closed. */
  ChildUsage usage() {
    return running.usage();
  }

  private <T> CallOutcome<T> readOutcome(Payload<T> payload) throws IOException {
    byte tag = in.readByte();
    return switch (tag) {
      case Protocol.RETURNED -> new CallOutcome.Returned<>(payload.read());
      case Protocol.THREW -> readThrew();
      case Protocol.UNAVAILABLE -> new CallOutcome.Unavailable<>(member(in));
      case Protocol.SKIPPED -> new CallOutcome.Skipped<>(member(in));
      case Protocol.EXITED -> readExited();
      default -> throw new IOException("unknown tag " + tag);
    };
  }

  private <T> CallOutcome<T> readThrew() throws IOException {
    String type = Wire.readString(in);
    String message = Wire.readString(in);
    return new CallOutcome.Threw<>(type, message, readFrames());
  }

  private <T> CallOutcome<T> readExited() throws IOException {
    member(in);
    return new CallOutcome.Exited<>("System.exit", null, readFrames());
  }

  private List<String> readFrames() throws IOException {
    int count = boundedCount();
    List<String> frames = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      frames.add(Wire.readString(in));
    }
    return frames;
  }

  private static Member member(DataInputStream in) throws IOException {
    try {
      return new Member(Wire.readString(in));
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** The child reported System.exit: the JVM is ending; its status completes the outcome. */
  private <T> CallOutcome<T> exited(CallOutcome.Exited<T> reported) {
    dead = true;
    Integer status = awaitExit();
    running.reap();
    return new CallOutcome.Exited<>(reported.how(), status, reported.frames());
  }

  /**
   * The stream ended without a report. An exit status below 128 means the JVM ended itself without
   * running its shutdown hooks, which is what Runtime.halt does; above, a signal or a crash.
   */
  private <T> CallOutcome<T> died() {
    dead = true;
    Integer status = awaitExit();
    if (status != null && jvmOutOfMemory()) {
      running.reap();
      return outOfMemory();
    }
    if (status != null && status < 128) {
      running.reap();
      return new CallOutcome.Exited<>("Runtime.halt", status, List.of());
    }
    return died(() -> new CallOutcome.ChildDied<>(status));
  }

  /**
   * The child is dead or being killed: a kill for memory is told as such, whatever the grader
   * noticed first (a closed stream, or a call that then ran out of time).
   */
  private <T> CallOutcome<T> died(Supplier<CallOutcome<T>> otherwise) {
    dead = true;
    boolean memory = running.resources().killedForMemory();
    running.reap();
    return memory ? outOfMemory() : otherwise.get();
  }

  private <T> CallOutcome<T> outOfMemory() {
    return new CallOutcome.OutOfMemory<>(
        limits.budget().memoryBytes(), limits.heapMegabytes() * 1024L * 1024);
  }

  /**
   * Whether the JVM ended itself for want of native memory (a bound per process refused it a thread
   * stack or a page of heap), as its last words on stdout say; the JVM then exits with a status
   * that could also be Runtime.halt's.
   */
  private boolean jvmOutOfMemory() {
    output.awaitDrained(MARK_TIMEOUT);
    return output.endsWith("insufficient memory for the Java Runtime Environment");
  }

  private Integer awaitExit() {
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
    dead = true;
    running.reap();
  }

  @Override
  public void close() {
    running.recordUsage();
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
    running.reap();
    LIVE.remove(running);
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing left to release.
    }
    FileTrees.deleteQuietly(folder);
  }
}
