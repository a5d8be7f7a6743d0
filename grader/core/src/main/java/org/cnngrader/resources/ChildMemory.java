package org.cnngrader.resources;

/**
 * The memory of one child JVM, in MiB: its Java heap, and what it may take beside it (metaspace,
 * code, thread stacks, native allocations and the temporary files it writes). Its bound is the two
 * together.
 *
 * @param heapMebibytes the child's Java heap ({@code -Xmx})
 * @param nativeMebibytes what the child may take beside its heap
 */
public record ChildMemory(long heapMebibytes, long nativeMebibytes) {

  /**
   * Beside the heap by default: metaspace (capped at 256 MiB), code cache (64 MiB), direct buffers
   * (64 MiB), thread stacks and the JVM's own structures with a margin, and 64 MiB of temporary
   * files.
   */
  public static final int NATIVE_MEBIBYTES = 576;

  /**
   * The least a child may have: what the correct example solutions need to pass every case, with a
   * margin. Measured with the correct examples of fixtures/submissions: each passed every case with
   * a 16 MiB heap (the least {@code --heap} takes) and 48 MiB beside it in a child bounded by a
   * control group, and with 16 + 64 MiB under a bound per process (RLIMIT_DATA, which counts each
   * thread's stack whole), where 16 + 48 MiB did not start. Twice the heap and half again the rest.
   */
  public static final ChildMemory FLOOR = new ChildMemory(32, 96);

  public ChildMemory {
    if (heapMebibytes < 1 || nativeMebibytes < 1) {
      throw new IllegalArgumentException(
          "a child's heap and native memory must be at least 1 MiB, found "
              + heapMebibytes
              + " and "
              + nativeMebibytes);
    }
  }

  /** The child's bound: heap and native memory together. */
  public long totalMebibytes() {
    return heapMebibytes + nativeMebibytes;
  }
}
