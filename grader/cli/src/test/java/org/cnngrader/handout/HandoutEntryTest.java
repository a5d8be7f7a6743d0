package org.cnngrader.handout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A handout entry's path is relative, '/'-separated and goes nowhere outside the zip's folder. */
class HandoutEntryTest {

  @Test
  void aRelativePathWithSlashesIsAccepted() {
    HandoutEntry entry = new HandoutEntry("src/main/java/cnn/Conv2d.java", new byte[] {1, 2});

    assertThat(entry.path()).isEqualTo("src/main/java/cnn/Conv2d.java");
    assertThat(entry.content()).containsExactly(1, 2);
  }

  @Test
  void anAbsoluteOrBackslashedPathIsRefused() {
    assertThatThrownBy(() -> new HandoutEntry("/etc/passwd", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a handout entry's path must be relative and use '/', found [/etc/passwd]");
    assertThatThrownBy(() -> new HandoutEntry("src\\Conv2d.java", new byte[0]))
        .hasMessage(
            "a handout entry's path must be relative and use '/', found [src\\Conv2d.java]");
    assertThatThrownBy(() -> new HandoutEntry("C:/Conv2d.java", new byte[0]))
        .hasMessage("a handout entry's path must be relative and use '/', found [C:/Conv2d.java]");
  }

  @Test
  void aPathThatClimbsOutOrHasEmptyPartsIsRefused() {
    assertThatThrownBy(() -> new HandoutEntry("src/../../evil", new byte[0]))
        .hasMessage(
            "a handout entry's path must not hold empty, '.' or '..' parts, found [src/../../evil]");
    assertThatThrownBy(() -> new HandoutEntry("src//Conv2d.java", new byte[0]))
        .hasMessage(
            "a handout entry's path must not hold empty, '.' or '..' parts, found [src//Conv2d.java]");
  }

  @Test
  void theContentIsCopiedInAndOut() {
    byte[] content = {1};
    HandoutEntry entry = new HandoutEntry("a", content);
    content[0] = 2;
    entry.content()[0] = 3;

    assertThat(entry.content()).containsExactly(1);
  }
}
