package org.cnngrader.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryFitTest {

  /** The bound asked for by default: a 512 MiB heap and 576 MiB beside it. */
  private static final ChildMemory DEFAULT = new ChildMemory(512, 576);

  private static MemoryFit.Fit decide(long offered, long grader, int children, ChildMemory wanted) {
    return MemoryFit.decide(new MemoryFit.Request(offered, grader, children, wanted));
  }

  @Test
  void aMachineWithMemoryToSpareGivesEachChildTheBoundAskedFor() {
    assertThat(decide(24_105, 6_216, 2, DEFAULT))
        .isEqualTo(new MemoryFit.Fits(DEFAULT, false, 8_944));
  }

  @Test
  void gradescopesDefaultContainerGivesTheOneChildWhatTheGraderLeavesHeapAndRestInProportion() {
    // 768 - 377 = 391 MiB; the heap's share of 512/1088 is 184 MiB.
    assertThat(decide(768, 377, 1, DEFAULT))
        .isEqualTo(new MemoryFit.Fits(new ChildMemory(184, 207), true, 391));
  }

  @Test
  void atTheFloorTheNativePartKeepsItsFloorAndTheHeapGetsTheRest() {
    assertThat(decide(505, 377, 1, DEFAULT))
        .isEqualTo(new MemoryFit.Fits(ChildMemory.FLOOR, true, 128));
    assertThat(ChildMemory.FLOOR.totalMebibytes()).isEqualTo(128);
  }

  @Test
  void oneMebibyteBelowTheFloorDoesNotFit() {
    assertThat(decide(504, 377, 1, DEFAULT))
        .isEqualTo(new MemoryFit.DoesNotFit(504, 377, 1, 128, 0));
  }

  @Test
  void aGraderThatNeedsMoreThanIsOfferedLeavesNoChildAnything() {
    assertThat(decide(300, 400, 1, DEFAULT))
        .isEqualTo(new MemoryFit.DoesNotFit(300, 400, 1, 128, 0));
  }

  @Test
  void childrenAtATimeShareWhatTheGraderLeaves() {
    // 1,536 MiB for 4: 384 each, of which 180 MiB heap.
    assertThat(decide(2_048, 512, 4, DEFAULT))
        .isEqualTo(new MemoryFit.Fits(new ChildMemory(180, 204), true, 384));
  }

  @Test
  void tooManyChildrenAtATimeDoNotFitAndTheDecisionSaysHowManyWould() {
    assertThat(decide(2_048, 512, 16, DEFAULT))
        .isEqualTo(new MemoryFit.DoesNotFit(2_048, 512, 16, 128, 12));
  }

  @Test
  void aHeapAskedForBelowTheFloorsHeapIsKeptAndTheRestGoesBesideIt() {
    // 200 MiB for a child asked for with a 16 MiB heap: the heap stays 16.
    assertThat(decide(600, 400, 1, new ChildMemory(16, 576)))
        .isEqualTo(new MemoryFit.Fits(new ChildMemory(16, 184), true, 200));
  }

  @Test
  void aRequestNamesWhatIsWrongWithIt() {
    assertThatThrownBy(() -> new MemoryFit.Request(768, 377, 0, DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("children must be at least 1, found 0");
    assertThatThrownBy(() -> new MemoryFit.Request(-1, 377, 1, DEFAULT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("memory must not be negative, found -1 offered and 377 for the grader");
    assertThatThrownBy(() -> new ChildMemory(0, 96))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a child's heap and native memory must be at least 1 MiB, found 0 and 96");
  }
}
