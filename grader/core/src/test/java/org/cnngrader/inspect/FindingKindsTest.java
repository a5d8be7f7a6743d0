package org.cnngrader.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind is found where a statement uses it, with its class, method, line and member. Each case
 * is one class whose method {@code probe} holds the statement on line 5; all are compiled and
 * scanned once.
 */
class FindingKindsTest {

  /** One statement and the findings it must give, all of one kind. */
  record Case(String className, FindingKind kind, String statement, List<String> members) {
    Case(String className, FindingKind kind, String statement, String... members) {
      this(className, kind, statement, List.of(members));
    }

    String source() {
      return """
          package cnn;

          public class %s {
            void probe() throws Exception {
              %s
            }
          }
          """
          .formatted(className, statement);
    }

    @Override
    public String toString() {
      return className + ": " + statement;
    }
  }

  private static final int PROBE_LINE = 5;

  @TempDir static Path temp;

  private static List<Finding> findings;

  static Stream<Case> cases() {
    return Stream.of(
        new Case("SystemExit", FindingKind.EXIT, "System.exit(1);", "java.lang.System.exit"),
        new Case(
            "RuntimeExit",
            FindingKind.EXIT,
            "Runtime.getRuntime().exit(1);",
            "java.lang.Runtime.exit"),
        new Case(
            "RuntimeHalt",
            FindingKind.EXIT,
            "Runtime.getRuntime().halt(1);",
            "java.lang.Runtime.halt"),
        new Case(
            "ExitReference",
            FindingKind.EXIT,
            "java.util.function.IntConsumer c = System::exit;",
            "java.lang.System.exit"),
        new Case(
            "RuntimeExec",
            FindingKind.PROCESS,
            "Runtime.getRuntime().exec(new String[] {\"ls\"});",
            "java.lang.Runtime.exec"),
        new Case(
            "ProcessBuilderStart",
            FindingKind.PROCESS,
            "new ProcessBuilder(\"ls\").start();",
            "java.lang.ProcessBuilder.start",
            "new java.lang.ProcessBuilder"),
        new Case(
            "CurrentProcess",
            FindingKind.PROCESS,
            "ProcessHandle.current().pid();",
            "java.lang.ProcessHandle.current",
            "java.lang.ProcessHandle.pid"),
        new Case(
            "ClientSocket",
            FindingKind.NETWORK,
            "new java.net.Socket(\"localhost\", 80).close();",
            "java.net.Socket.close",
            "new java.net.Socket"),
        new Case(
            "ListeningSocket",
            FindingKind.NETWORK,
            "new java.net.ServerSocket(0).close();",
            "java.net.ServerSocket.close",
            "new java.net.ServerSocket"),
        new Case(
            "UrlStream",
            FindingKind.NETWORK,
            "new java.net.URL(\"http://localhost/\").openStream();",
            "java.net.URL.openStream"),
        new Case(
            "UrlConnection",
            FindingKind.NETWORK,
            "new java.net.URL(\"http://localhost/\").openConnection();",
            "java.net.URL.openConnection"),
        new Case(
            "AddressLookup",
            FindingKind.NETWORK,
            "java.net.InetAddress.getByName(\"localhost\");",
            "java.net.InetAddress.getByName"),
        new Case(
            "HttpClient",
            FindingKind.NETWORK,
            "java.net.http.HttpClient.newHttpClient();",
            "java.net.http.HttpClient.newHttpClient"),
        new Case(
            "SocketChannel",
            FindingKind.NETWORK,
            "java.nio.channels.SocketChannel.open();",
            "java.nio.channels.SocketChannel.open"),
        new Case(
            "ServerSocketChannel",
            FindingKind.NETWORK,
            "java.nio.channels.ServerSocketChannel.open();",
            "java.nio.channels.ServerSocketChannel.open"),
        new Case(
            "DatagramChannel",
            FindingKind.NETWORK,
            "java.nio.channels.DatagramChannel.open();",
            "java.nio.channels.DatagramChannel.open"),
        new Case(
            "NewFile",
            FindingKind.FILE_IO,
            "new java.io.File(\"x\").delete();",
            "java.io.File.delete",
            "new java.io.File"),
        new Case(
            "FileReference",
            FindingKind.FILE_IO,
            "java.util.function.Function<String, java.io.File> f = java.io.File::new;",
            "new java.io.File"),
        new Case(
            "FileStream",
            FindingKind.FILE_IO,
            "new java.io.FileInputStream(\"x\").close();",
            "java.io.FileInputStream.close",
            "new java.io.FileInputStream"),
        new Case(
            "FileWriting",
            FindingKind.FILE_IO,
            "new java.io.FileWriter(\"x\").close();",
            "java.io.FileWriter.close",
            "new java.io.FileWriter"),
        new Case(
            "RandomAccess",
            FindingKind.FILE_IO,
            "new java.io.RandomAccessFile(\"x\", \"r\").close();",
            "java.io.RandomAccessFile.close",
            "new java.io.RandomAccessFile"),
        new Case(
            "PrintStreamToFile",
            FindingKind.FILE_IO,
            "new java.io.PrintStream(\"out.txt\");",
            "new java.io.PrintStream"),
        new Case(
            "PrintWriterToFile",
            FindingKind.FILE_IO,
            "new java.io.PrintWriter(new java.io.File(\"x\"));",
            "new java.io.File",
            "new java.io.PrintWriter"),
        new Case(
            "ScannerOfPath",
            FindingKind.FILE_IO,
            "new java.util.Scanner(java.nio.file.Path.of(\"x\"));",
            "java.nio.file.Path.of",
            "new java.util.Scanner"),
        new Case(
            "FormatterToFile",
            FindingKind.FILE_IO,
            "new java.util.Formatter(\"x\");",
            "new java.util.Formatter"),
        new Case(
            "FilesRead",
            FindingKind.FILE_IO,
            "java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(\"x\"));",
            "java.nio.file.Files.readAllBytes",
            "java.nio.file.Paths.get"),
        new Case(
            "DefaultFileSystem",
            FindingKind.FILE_IO,
            "java.nio.file.FileSystems.getDefault();",
            "java.nio.file.FileSystems.getDefault"),
        new Case(
            "FileChannelOpen",
            FindingKind.FILE_IO,
            "java.nio.channels.FileChannel.open(java.nio.file.Path.of(\"x\"));",
            "java.nio.channels.FileChannel.open",
            "java.nio.file.Path.of"),
        new Case(
            "ResourceStream",
            FindingKind.FILE_IO,
            "getClass().getResourceAsStream(\"x\");",
            "java.lang.Class.getResourceAsStream"),
        new Case(
            "ClassForName",
            FindingKind.REFLECTION,
            "Class.forName(\"cnn.Conv2d\");",
            "java.lang.Class.forName"),
        new Case(
            "DeclaredFields",
            FindingKind.REFLECTION,
            "String.class.getDeclaredFields();",
            "java.lang.Class.getDeclaredFields"),
        new Case(
            "MethodInvoke",
            FindingKind.REFLECTION,
            "Object.class.getMethod(\"hashCode\").invoke(this);",
            "java.lang.Class.getMethod",
            "java.lang.reflect.Method.invoke"),
        new Case(
            "ReflectiveArray",
            FindingKind.REFLECTION,
            "java.lang.reflect.Array.newInstance(int.class, 3);",
            "java.lang.reflect.Array.newInstance"),
        new Case(
            "HandleLookup",
            FindingKind.REFLECTION,
            "java.lang.invoke.MethodHandles.lookup();",
            "java.lang.invoke.MethodHandles.lookup"),
        new Case(
            "ArrayVarHandle",
            FindingKind.REFLECTION,
            "java.lang.invoke.MethodHandles.arrayElementVarHandle(int[].class);",
            "java.lang.invoke.MethodHandles.arrayElementVarHandle"),
        new Case(
            "LoaderLoadClass",
            FindingKind.REFLECTION,
            "ClassLoader.getSystemClassLoader().loadClass(\"cnn.Conv2d\");",
            "java.lang.ClassLoader.loadClass"),
        new Case(
            "UnsafeAccess",
            FindingKind.REFLECTION,
            "sun.misc.Unsafe.getUnsafe();",
            "sun.misc.Unsafe.getUnsafe"),
        new Case(
            "NativeLibrary",
            FindingKind.REFLECTION,
            "System.loadLibrary(\"x\");",
            "java.lang.System.loadLibrary"),
        new Case(
            "ThreadStart",
            FindingKind.THREADS,
            "new Thread(() -> {}).start();",
            "java.lang.Thread.start",
            "new java.lang.Thread"),
        new Case(
            "ThreadReference",
            FindingKind.THREADS,
            "java.util.function.Supplier<Thread> s = Thread::new;",
            "new java.lang.Thread"),
        new Case(
            "NewThreadGroup",
            FindingKind.THREADS,
            "new ThreadGroup(\"g\");",
            "new java.lang.ThreadGroup"),
        new Case(
            "FixedPool",
            FindingKind.THREADS,
            "java.util.concurrent.Executors.newFixedThreadPool(2);",
            "java.util.concurrent.Executors.newFixedThreadPool"),
        new Case(
            "CommonPool",
            FindingKind.THREADS,
            "java.util.concurrent.ForkJoinPool.commonPool();",
            "java.util.concurrent.ForkJoinPool.commonPool"),
        new Case(
            "AsyncFuture",
            FindingKind.THREADS,
            "java.util.concurrent.CompletableFuture.runAsync(() -> {});",
            "java.util.concurrent.CompletableFuture.runAsync"),
        new Case("NewTimer", FindingKind.THREADS, "new java.util.Timer();", "new java.util.Timer"),
        new Case(
            "ParallelStream",
            FindingKind.THREADS,
            "java.util.List.of(1, 2).parallelStream();",
            "java.util.List.parallelStream"),
        new Case(
            "ParallelRange",
            FindingKind.THREADS,
            "java.util.stream.IntStream.range(0, 3).parallel();",
            "java.util.stream.IntStream.parallel"),
        new Case(
            "ParallelSort",
            FindingKind.THREADS,
            "java.util.Arrays.parallelSort(new int[3]);",
            "java.util.Arrays.parallelSort"));
  }

  @BeforeAll
  static void compileAndScanEveryCase() throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    cases().forEach(c -> sources.put("cnn/" + c.className() + ".java", c.source()));
    findings = StaticScanner.scan(JavaSources.compile(temp, sources));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void findsTheUseWithItsClassMethodLineAndMember(Case probe) {
    List<Finding> expected =
        probe.members().stream()
            .map(m -> new Finding(probe.kind(), "cnn." + probe.className(), "probe", PROBE_LINE, m))
            .sorted()
            .toList();

    assertThat(findings)
        .filteredOn(f -> f.className().equals("cnn." + probe.className()))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void everyKindHasACase() {
    assertThat(cases().map(Case::kind).distinct()).containsExactlyInAnyOrder(FindingKind.values());
  }

  @Test
  void everyKindHasAStablePolicyKeyAndADescription() {
    assertThat(Arrays.stream(FindingKind.values()).map(FindingKind::policyKey))
        .containsExactly("exit", "process", "network", "file-io", "reflection", "threads");
    for (FindingKind kind : FindingKind.values()) {
      assertThat(FindingKind.fromPolicyKey(kind.policyKey())).contains(kind);
      assertThat(kind.description()).isNotBlank();
    }
    assertThat(FindingKind.fromPolicyKey("FILE_IO")).isEmpty();
  }
}
