package org.cnngrader.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GradescopeMarkdownTest {

  @Test
  void theTextIsACodeBlockAndEachLikelyMistakeAnItemOfAList() {
    String md =
        GradescopeMarkdown.of(
            """
            out should have shape [2, 2, 8, 7], but was [2, 2, 7, 8]:
            - output height should be (H - HH + 2*pad)/stride + 1 = 8, but was 7
            Likely mistake: height and width are swapped: H' = 8
            """);

    assertThat(md)
        .isEqualTo(
            """
            ```text
            out should have shape [2, 2, 8, 7], but was [2, 2, 7, 8]:
            - output height should be (H - HH + 2*pad)/stride + 1 = 8, but was 7
            ```

            - **Likely mistake:** height and width are swapped: H' = 8
            """);
  }

  @Test
  void textFromStudentCodeCannotCloseTheBlockOrMakeMarkup() {
    String md =
        GradescopeMarkdown.of(
            "forward threw RuntimeException: ```\n<img src=x onerror=alert(1)>\n```\n"
                + "Likely mistake: **bold** <b> w[f][c]");

    assertThat(md).startsWith("````text\n").contains("\n````\n");
    assertThat(md).endsWith("- **Likely mistake:** \\*\\*bold\\*\\* \\<b\\> w[f][c]\n");
  }

  @Test
  void aPassingPartsTextIsABlockAlone() {
    assertThat(GradescopeMarkdown.of("passed")).isEqualTo("```text\npassed\n```\n");
  }
}
