package org.cnngrader.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExcerptTest {

  @Test
  void aTextWithinItsLimitIsKeptAsItIs() {
    assertThat(Excerpt.cut("x".repeat(1_000), 1_000)).isEqualTo("x".repeat(1_000));
    assertThat(Excerpt.cut(null, 1_000)).isNull();
  }

  @Test
  void aLongerTextKeepsItsStartAndSaysHowManyCharactersWereLeftOut() {
    String cut = Excerpt.cut("m".repeat(300_000), Excerpt.MESSAGE);

    // The longest notice has room, whatever the count: this one is shorter.
    int kept = Excerpt.MESSAGE - Excerpt.SMALLEST_LIMIT;
    assertThat(cut)
        .isEqualTo("m".repeat(kept) + "… 299,053 more characters not shown")
        .hasSizeLessThanOrEqualTo(Excerpt.MESSAGE);
  }

  @Test
  void theNoticeGroupsTheCountAsTheReportsShowIt() {
    assertThat(Excerpt.notice(299_800, "characters"))
        .isEqualTo("… 299,800 more characters not shown");
    assertThat(Excerpt.notice(12_934_464, "bytes of output"))
        .isEqualTo("… 12,934,464 more bytes of output not shown");
  }

  @Test
  void cuttingACutTextAgainChangesNothing() {
    String once = Excerpt.cut("y".repeat(5_000), Excerpt.NAME);

    assertThat(Excerpt.cut(once, Excerpt.NAME)).isEqualTo(once);
  }

  @Test
  void aSurrogatePairIsNeverCutInHalf() {
    String text = "a" + "\uD83D\uDE00".repeat(100);

    String cut = Excerpt.cut(text, Excerpt.SMALLEST_LIMIT + 2);

    assertThat(cut).isEqualTo("a… 200 more characters not shown");
  }

  @Test
  void aLimitWithoutRoomForTheNoticeIsRefused() {
    assertThatThrownBy(() -> Excerpt.cut("text", 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a limit of 10 characters leaves no room for the notice of a cut");
  }
}
