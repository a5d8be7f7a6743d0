package org.cnngrader.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.resources.ChildBudget;
import org.cnngrader.resources.ChildMemory;
import org.cnngrader.resources.ContainerMemory;
import org.cnngrader.resources.MemoryFit;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.sandbox.Isolation;

/**
 * Sizes each child's memory to the machine or container the grader runs in ({@link MemoryFit}
 * decides), and words the decision: the console's line, the provenance, and the refusal when not
 * even one child fits beside the grader.
 */
final class MemorySizing {

  /**
   * What the grader's JVM takes beside its heap: metaspace, code, threads, the JVM's own
   * structures. Measured: 94-111 MiB of resident memory in all when grading an example in a 768 MiB
   * container (heap limit 192 MiB), of which some 40 MiB of heap.
   */
  static final long GRADER_NON_HEAP_MEBIBYTES = 96;

  /**
   * The compile worker, which stays alive while children run: measured at 68-80 MiB of resident
   * memory after compiling an example.
   */
  static final long COMPILE_WORKER_MEBIBYTES = 96;

  /**
   * The grader's share: its own heap limit (what its heap may grow to), what its JVM takes beside
   * it, and its compile worker.
   */
  static long graderMebibytes() {
    return Runtime.getRuntime().maxMemory() / ChildBudget.MIB
        + GRADER_NON_HEAP_MEBIBYTES
        + COMPILE_WORKER_MEBIBYTES;
  }

  /**
   * The options and jobs a run grades with, and how the memory was shared out.
   *
   * @param options the options, with the child's memory as fitted
   * @param jobs how many submissions are graded at once
   * @param children how many children run at once: the jobs, or the submissions where fewer
   * @param fit the decision
   * @param offered what the machine or container offers
   * @param graderMebibytes what the grader keeps for itself
   * @param jobsLowered whether fewer submissions are graded at once than would be otherwise
   */
  record Sized(
      GradingOptions options,
      int jobs,
      int children,
      MemoryFit.Fits fit,
      ContainerMemory offered,
      long graderMebibytes,
      boolean jobsLowered) {

    /** Whether the console says how the memory was shared: where less was given than asked for. */
    boolean worthSaying() {
      return fit.scaled() || jobsLowered;
    }

    /** The child's memory as the console's line of bounds gives it. */
    String memory() {
      ChildMemory child = fit.child();
      return String.format(
          Locale.ROOT,
          "%,d MiB, heap %,d MiB%s",
          child.totalMebibytes(),
          child.heapMebibytes(),
          fit.scaled() ? ", fitted to the " + offered.mebibytes() + " MiB here" : "");
    }

    /** The same isolation, its memory bound saying how the memory was shared out. */
    Isolation noted(Isolation isolation) {
      List<ResourceBound> bounds = new ArrayList<>();
      for (ResourceBound bound : isolation.bounds()) {
        bounds.add(
            bound.resource() == ResourceBound.Resource.MEMORY
                ? new ResourceBound(bound.resource(), bound.held(), bound.how() + "; " + shares())
                : bound);
      }
      return new Isolation(
          isolation.level(),
          isolation.requested(),
          isolation.strict(),
          isolation.ownUser(),
          isolation.passedOver(),
          isolation.readableSecrets(),
          bounds);
    }

    /** How the memory offered was shared between the grader and its children. */
    String shares() {
      ChildMemory child = fit.child();
      return String.format(
          Locale.ROOT,
          "%s %,d MiB (%s); the grader keeps %,d MiB; %d %s at a time%s, %s %,d MiB: heap %,d"
              + " MiB and %,d MiB beside it%s",
          offered.ofControlGroup() ? "the container has" : "the machine has",
          offered.mebibytes(),
          offered.source(),
          graderMebibytes,
          children,
          children == 1 ? "child" : "children",
          jobsLowered ? " (fewer jobs, to fit)" : "",
          children == 1 ? "it gets" : "each gets",
          child.totalMebibytes(),
          child.heapMebibytes(),
          child.nativeMebibytes(),
          fit.scaled() ? " (less than asked for, to fit)" : "");
    }
  }

  private MemorySizing() {}

  /**
   * Fits the child's memory of {@code options} to {@code offered}, for {@code jobs} submissions at
   * once, but no more than {@code submissions}; where {@code jobs} was not given and fewer at once
   * fit, fewer.
   *
   * @throws TooLittleMemoryException when not even one child fits, or {@code jobs} given do not
   */
  static Sized size(
      GradingOptions options,
      int jobs,
      boolean jobsGiven,
      int submissions,
      ContainerMemory offered,
      long graderMebibytes) {
    int children = Math.max(1, Math.min(jobs, submissions));
    boolean lowered = false;
    ChildMemory wanted = options.limits().childMemory();
    MemoryFit.Fit fit =
        MemoryFit.decide(
            new MemoryFit.Request(offered.mebibytes(), graderMebibytes, children, wanted));
    if (fit instanceof MemoryFit.DoesNotFit refused
        && !jobsGiven
        && refused.childrenThatFit() >= 1) {
      children = refused.childrenThatFit();
      jobs = children;
      lowered = true;
      fit =
          MemoryFit.decide(
              new MemoryFit.Request(offered.mebibytes(), graderMebibytes, children, wanted));
    }
    if (fit instanceof MemoryFit.DoesNotFit refused) {
      throw new TooLittleMemoryException(refusal(refused, offered));
    }
    MemoryFit.Fits fits = (MemoryFit.Fits) fit;
    return new Sized(
        options.withLimits(options.limits().withChildMemory(fits.child())),
        jobs,
        children,
        fits,
        offered,
        graderMebibytes,
        lowered);
  }

  /** Why nothing is graded, with the numbers. */
  static String refusal(MemoryFit.DoesNotFit refused, ContainerMemory offered) {
    String text =
        String.format(
            Locale.ROOT,
            "%s %,d MiB of memory (%s); the grader needs %,d MiB and a child at least %,d MiB",
            offered.ofControlGroup() ? "the container has" : "the machine has",
            refused.offeredMebibytes(),
            offered.source(),
            refused.graderMebibytes(),
            refused.childFloorMebibytes());
    if (refused.children() == 1) {
      return text;
    }
    return text
        + String.format(
            Locale.ROOT,
            ", %d children at a time %,d MiB: %s",
            refused.children(),
            refused.children() * refused.childFloorMebibytes(),
            refused.childrenThatFit() == 0
                ? "not even one fits"
                : "--jobs " + refused.childrenThatFit() + " or fewer fit");
  }
}
