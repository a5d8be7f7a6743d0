package org.cnngrader.resources;

/**
 * Whether the grader and its children fit in the memory the machine offers, and what each child
 * gets: the bound asked for where it fits, else a smaller one, its heap and native part cut in the
 * same proportion, but never below {@link ChildMemory#FLOOR}, what a correct solution needs. A
 * child whose bound holds is stopped by it and told so; a child that the kernel kills because the
 * container as a whole ran out is told it was killed from outside, through no fault it can see.
 * Decides only: no I/O, no words.
 */
public final class MemoryFit {

  private MemoryFit() {}

  /**
   * What is asked: the memory the machine or container offers, what the grader keeps of it for
   * itself (its JVM and its compile worker), how many children run at once, and the bound each
   * would get on a machine with memory to spare. All in MiB.
   */
  public record Request(
      long offeredMebibytes, long graderMebibytes, int children, ChildMemory wanted) {
    public Request {
      if (offeredMebibytes < 0 || graderMebibytes < 0) {
        throw new IllegalArgumentException(
            "memory must not be negative, found "
                + offeredMebibytes
                + " offered and "
                + graderMebibytes
                + " for the grader");
      }
      if (children < 1) {
        throw new IllegalArgumentException("children must be at least 1, found " + children);
      }
      if (wanted == null) {
        throw new IllegalArgumentException("the bound wanted must be given");
      }
    }
  }

  /** The decision. */
  public sealed interface Fit permits Fits, DoesNotFit {}

  /**
   * Every child gets {@code child}; {@code scaled} when that is less than the bound asked for.
   *
   * @param perChildMebibytes what the machine leaves each child, the grader's share taken
   */
  public record Fits(ChildMemory child, boolean scaled, long perChildMebibytes) implements Fit {}

  /**
   * Not even {@link ChildMemory#FLOOR} is left for each child: grading would be the kernel's
   * lottery. {@code childrenThatFit} of them at once would fit (0: not even one).
   */
  public record DoesNotFit(
      long offeredMebibytes,
      long graderMebibytes,
      int children,
      long childFloorMebibytes,
      int childrenThatFit)
      implements Fit {}

  public static Fit decide(Request request) {
    ChildMemory wanted = request.wanted();
    ChildMemory floor = ChildMemory.FLOOR;
    long left = request.offeredMebibytes() - request.graderMebibytes();
    long perChild = Math.max(0, left) / request.children();
    if (perChild >= wanted.totalMebibytes()) {
      return new Fits(wanted, false, perChild);
    }
    if (perChild < floor.totalMebibytes()) {
      long fitting = Math.max(0, left) / floor.totalMebibytes();
      return new DoesNotFit(
          request.offeredMebibytes(),
          request.graderMebibytes(),
          request.children(),
          floor.totalMebibytes(),
          (int) Math.min(fitting, request.children() - 1));
    }
    // The heap's share of the bound asked for, but each part at least its floor.
    long heap = perChild * wanted.heapMebibytes() / wanted.totalMebibytes();
    heap = Math.max(heap, Math.min(floor.heapMebibytes(), wanted.heapMebibytes()));
    heap = Math.min(heap, perChild - floor.nativeMebibytes());
    return new Fits(new ChildMemory(heap, perChild - heap), true, perChild);
  }
}
