package org.cnngrader.inspect;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.Type;

/**
 * Which kind of finding, if any, a use of one JDK member is. Owners are internal names ({@code
 * java/lang/System}); constructors are named {@code <init>}. The rules name what a convolution
 * layer has no reason to touch and leave alone what ordinary code compiles to: {@code System.out},
 * {@code System.arraycopy}, {@code Math}, {@code Arrays}, {@code Class.getName} and the like.
 */
final class MemberRules {

  private static final String CONSTRUCTOR = "<init>";

  private static final Set<String> FILE_NAME_ARGUMENTS =
      Set.of("Ljava/lang/String;", "Ljava/io/File;", "Ljava/nio/file/Path;");

  // A Scanner made from a String reads that string, not a file of that name.
  private static final Set<String> FILE_ARGUMENTS =
      Set.of("Ljava/io/File;", "Ljava/nio/file/Path;");

  private static final Set<String> CLASS_LOADERS =
      Set.of("java/lang/ClassLoader", "java/security/SecureClassLoader", "java/net/URLClassLoader");

  private static final Set<String> CLASS_REFLECTION =
      Set.of(
          "forName",
          "newInstance",
          "getMethod",
          "getMethods",
          "getField",
          "getFields",
          "getConstructor",
          "getConstructors",
          "getRecordComponents",
          "getEnclosingMethod",
          "getEnclosingConstructor");

  private static final Set<String> CLASS_LOADING =
      Set.of(
          CONSTRUCTOR,
          "newInstance",
          "loadClass",
          "defineClass",
          "findClass",
          "findLoadedClass",
          "findSystemClass",
          "resolveClass");

  private static final Set<String> RESOURCES =
      Set.of(
          "getResource",
          "getResourceAsStream",
          "getResources",
          "resources",
          "getSystemResource",
          "getSystemResourceAsStream",
          "getSystemResources");

  private static final List<String> PROCESS_TYPES =
      List.of("java/lang/ProcessBuilder", "java/lang/ProcessHandle", "java/lang/Process");

  private static final List<String> REFLECTION_PACKAGES =
      List.of("java/lang/reflect/", "java/lang/invoke/", "java/lang/instrument/", "jdk/internal/");

  private static final List<String> REFLECTION_TYPES =
      List.of("sun/misc/Unsafe", "java/lang/Module", "java/lang/ModuleLayer");

  private static final List<String> NETWORK_PACKAGES =
      List.of("java/net/http/", "javax/net/", "java/rmi/");

  private static final List<String> NETWORK_TYPES =
      List.of(
          "java/net/Socket",
          "java/net/ServerSocket",
          "java/net/DatagramSocket",
          "java/net/MulticastSocket",
          "java/net/InetAddress",
          "java/net/Inet4Address",
          "java/net/Inet6Address",
          "java/net/InetSocketAddress",
          "java/net/URLConnection",
          "java/net/HttpURLConnection",
          "java/net/JarURLConnection",
          "java/nio/channels/SocketChannel",
          "java/nio/channels/ServerSocketChannel",
          "java/nio/channels/DatagramChannel",
          "java/nio/channels/AsynchronousSocketChannel",
          "java/nio/channels/AsynchronousServerSocketChannel");

  private static final List<String> FILE_TYPES =
      List.of(
          "java/io/File",
          "java/io/FileInputStream",
          "java/io/FileOutputStream",
          "java/io/FileReader",
          "java/io/FileWriter",
          "java/io/RandomAccessFile",
          "java/nio/file/Files",
          "java/nio/file/Paths",
          "java/nio/file/FileSystems",
          "java/nio/channels/FileChannel",
          "java/nio/channels/AsynchronousFileChannel",
          "java/util/zip/ZipFile",
          "java/util/jar/JarFile");

  private static final List<String> THREAD_TYPES =
      List.of(
          "java/lang/Thread$Builder",
          "java/lang/ThreadGroup",
          "java/util/Timer",
          "java/util/concurrent/Executors",
          "java/util/concurrent/ForkJoinPool",
          "java/util/concurrent/ForkJoinWorkerThread",
          "java/util/concurrent/ThreadPoolExecutor",
          "java/util/concurrent/ScheduledThreadPoolExecutor");

  private static final Set<String> THREAD_STARTS =
      Set.of(CONSTRUCTOR, "start", "startVirtualThread", "ofVirtual", "ofPlatform");

  private static final Set<String> FORK_JOIN_TASKS =
      Set.of(
          "java/util/concurrent/ForkJoinTask",
          "java/util/concurrent/RecursiveTask",
          "java/util/concurrent/RecursiveAction",
          "java/util/concurrent/CountedCompleter");

  private MemberRules() {}

  /** The kind of a use of {@code owner.name}, a method or a field, if it is one to report. */
  static Optional<FindingKind> classify(String owner, String name, String descriptor) {
    if (isExit(owner, name)) {
      return Optional.of(FindingKind.EXIT);
    }
    if (isProcess(owner, name)) {
      return Optional.of(FindingKind.PROCESS);
    }
    // Before the network rules: URLClassLoader lies in java.net but loads classes.
    if (isReflection(owner, name)) {
      return Optional.of(FindingKind.REFLECTION);
    }
    if (isNetwork(owner, name)) {
      return Optional.of(FindingKind.NETWORK);
    }
    if (isFileIo(owner, name, descriptor)) {
      return Optional.of(FindingKind.FILE_IO);
    }
    if (isThreads(owner, name, descriptor)) {
      return Optional.of(FindingKind.THREADS);
    }
    return Optional.empty();
  }

  private static boolean isExit(String owner, String name) {
    return (owner.equals("java/lang/System") && name.equals("exit"))
        || (owner.equals("java/lang/Runtime") && (name.equals("exit") || name.equals("halt")));
  }

  private static boolean isProcess(String owner, String name) {
    return isAnyOf(owner, PROCESS_TYPES)
        || (owner.equals("java/lang/Runtime") && name.equals("exec"));
  }

  private static boolean isReflection(String owner, String name) {
    return inAnyPackage(owner, REFLECTION_PACKAGES)
        || isAnyOf(owner, REFLECTION_TYPES)
        || (owner.equals("java/lang/Class")
            && (CLASS_REFLECTION.contains(name) || name.startsWith("getDeclared")))
        || (CLASS_LOADERS.contains(owner) && CLASS_LOADING.contains(name))
        // Native code is beyond anything the JVM can check.
        || ((owner.equals("java/lang/System") || owner.equals("java/lang/Runtime"))
            && (name.equals("load") || name.equals("loadLibrary")));
  }

  private static boolean isNetwork(String owner, String name) {
    return inAnyPackage(owner, NETWORK_PACKAGES)
        || isAnyOf(owner, NETWORK_TYPES)
        || (owner.equals("java/net/URL")
            && (name.equals("openConnection")
                || name.equals("openStream")
                || name.equals("getContent")));
  }

  private static boolean isFileIo(String owner, String name, String descriptor) {
    return isAnyOf(owner, FILE_TYPES)
        || (owner.equals("java/nio/file/Path") && name.equals("of"))
        || ((owner.equals("java/lang/Class") || CLASS_LOADERS.contains(owner))
            && RESOURCES.contains(name))
        || (name.equals(CONSTRUCTOR) && opensAFile(owner, descriptor));
  }

  /** The constructors of these types that take a file (or its name) rather than a stream. */
  private static boolean opensAFile(String owner, String descriptor) {
    return switch (owner) {
      case "java/io/PrintStream", "java/io/PrintWriter", "java/util/Formatter" ->
          firstArgumentIn(descriptor, FILE_NAME_ARGUMENTS);
      case "java/util/Scanner" -> firstArgumentIn(descriptor, FILE_ARGUMENTS);
      default -> false;
    };
  }

  private static boolean isThreads(String owner, String name, String descriptor) {
    return isAnyOf(owner, THREAD_TYPES)
        || (owner.equals("java/lang/Thread") && THREAD_STARTS.contains(name))
        || (owner.equals("java/lang/Runtime") && name.equals("addShutdownHook"))
        || (FORK_JOIN_TASKS.contains(owner)
            && (name.equals("fork") || name.equals("invoke") || name.equals("invokeAll")))
        || (owner.equals("java/util/concurrent/CompletableFuture") && name.endsWith("Async"))
        // Arrays.parallelSort, parallelPrefix and parallelSetAll run on the common pool.
        || (owner.equals("java/util/Arrays") && name.startsWith("parallel"))
        // Whatever the collection or stream type: the name and result say enough.
        || (name.equals("parallelStream") && descriptor.equals("()Ljava/util/stream/Stream;"))
        || (name.equals("parallel") && descriptor.startsWith("()Ljava/util/stream/"));
  }

  private static boolean firstArgumentIn(String descriptor, Set<String> types) {
    Type[] arguments = Type.getArgumentTypes(descriptor);
    return arguments.length > 0 && types.contains(arguments[0].getDescriptor());
  }

  /**
   * {@code owner} is one of {@code types} or nested in one of them. (Asked for every member every
   * class uses: no string is made.)
   */
  private static boolean isAnyOf(String owner, List<String> types) {
    for (String type : types) {
      if (owner.startsWith(type)
          && (owner.length() == type.length() || owner.charAt(type.length()) == '$')) {
        return true;
      }
    }
    return false;
  }

  private static boolean inAnyPackage(String owner, List<String> packages) {
    for (String prefix : packages) {
      if (owner.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }
}
