package org.cnngrader.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FindingTest {

  private static Finding in(String method, int line) {
    return new Finding(FindingKind.EXIT, "cnn.Conv2d", method, line, "java.lang.System.exit");
  }

  @Test
  void saysWhereAsTheStudentWroteIt() {
    assertThat(in("forward", 12).where()).isEqualTo("cnn.Conv2d.forward, line 12");
    assertThat(in("<init>", 5).where()).isEqualTo("cnn.Conv2d (constructor), line 5");
    assertThat(in("<clinit>", 3).where()).isEqualTo("cnn.Conv2d (static initializer), line 3");
    assertThat(in("lambda$backward$2", 40).where())
        .isEqualTo("cnn.Conv2d.backward (in a lambda), line 40");
    assertThat(in("lambda$new$0", 6).where())
        .isEqualTo("cnn.Conv2d (constructor, in a lambda), line 6");
    assertThat(in("lambda$static$1", 2).where())
        .isEqualTo("cnn.Conv2d (static initializer, in a lambda), line 2");
    assertThat(in("forward", Finding.UNKNOWN_LINE).where()).isEqualTo("cnn.Conv2d.forward");
  }

  @Test
  void describesItselfInOneLineForStudents() {
    assertThat(in("forward", 12).describe())
        .isEqualTo("cnn.Conv2d.forward, line 12: uses java.lang.System.exit, which ends the JVM");
    assertThat(
            new Finding(FindingKind.NETWORK, "cnn.Conv2d", "forward", 3, "new java.net.Socket")
                .describe())
        .isEqualTo(
            "cnn.Conv2d.forward, line 3: uses new java.net.Socket, which opens network connections");
  }

  @Test
  void validatesItsComponents() {
    assertThatThrownBy(() -> new Finding(null, "cnn.Conv2d", "forward", 1, "m"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("kind");
    assertThatThrownBy(() -> new Finding(FindingKind.EXIT, null, "forward", 1, "m"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("className");
    assertThatThrownBy(() -> new Finding(FindingKind.EXIT, "cnn.Conv2d", " ", 1, "m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("methodName");
    assertThatThrownBy(() -> new Finding(FindingKind.EXIT, "cnn.Conv2d", "forward", 1, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("member");
    assertThatThrownBy(() -> in("forward", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line");
    assertThat(in("forward", Finding.UNKNOWN_LINE).line()).isEqualTo(-1);
  }
}
