package org.cnngrader.resources;

/**
 * What one child JVM may take of the machine, whatever runs in it: its memory (heap, metaspace,
 * code, thread stacks, native allocations and the temporary files it writes, all together), its
 * temporary space and files, its threads and processes, and its share of the CPUs.
 *
 * @param memoryBytes the child's memory, heap and native together
 * @param temporaryBytes the size of the child's writable temporary folder
 * @param temporaryFiles how many files and folders that folder may hold
 * @param processes the child's threads and processes together
 * @param cpus how many CPUs the child may keep busy at once
 */
public record ChildBudget(
    long memoryBytes, long temporaryBytes, long temporaryFiles, int processes, int cpus) {

  public static final long MIB = 1024L * 1024;

  /** What a sandbox's trial start of the JDK ({@code java -version}) gets. */
  public static final ChildBudget PROBE = new ChildBudget(1024 * MIB, 16 * MIB, 1024, 128, 1);

  public ChildBudget {
    requireAtLeast("memoryBytes", memoryBytes, 64 * MIB);
    requireAtLeast("temporaryBytes", temporaryBytes, MIB);
    requireAtLeast("temporaryFiles", temporaryFiles, 16);
    requireAtLeast("processes", processes, 32);
    requireAtLeast("cpus", cpus, 1);
  }

  public long memoryMebibytes() {
    return memoryBytes / MIB;
  }

  public long temporaryMebibytes() {
    return temporaryBytes / MIB;
  }

  private static void requireAtLeast(String name, long value, long least) {
    if (value < least) {
      throw new IllegalArgumentException(name + " must be at least " + least + ", found " + value);
    }
  }
}
