package org.cnngrader.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CaseCallTest {

  @Test
  void aMessageOfAMillionCharactersIsCutBeforeItCrossesToTheGrader() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    CaseCall.threw(new DataOutputStream(bytes), new IllegalStateException("m".repeat(1_000_000)));

    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(in.readByte()).isEqualTo(Protocol.THREW);
    assertThat(Wire.readString(in)).isEqualTo("java.lang.IllegalStateException");
    assertThat(Wire.readString(in))
        .isEqualTo("m".repeat(947) + "… 999,053 more characters not shown");
    assertThat(bytes.size()).isLessThan(2 * Excerpt.MESSAGE + Excerpt.FRAMES * Excerpt.FRAME * 3);
  }
}
