package org.cnngrader.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnngrader.inspect.Policy.Action;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectionTest {

  private static final Finding EXIT =
      new Finding(FindingKind.EXIT, "cnn.Conv2d", "forward", 10, "java.lang.System.exit");
  private static final Finding SOCKET =
      new Finding(FindingKind.NETWORK, "cnn.Conv2d", "forward", 11, "new java.net.Socket");
  private static final Finding THREAD =
      new Finding(FindingKind.THREADS, "cnn.Conv2d", "backward", 20, "new java.lang.Thread");

  private static final List<Finding> FINDINGS = List.of(EXIT, SOCKET, THREAD);

  @Test
  void aKindSetToZeroZeroesTheSubmissionAndIgnoredKindsAreLeftOut() {
    Policy policy =
        Policy.DEFAULT.with(FindingKind.EXIT, Action.ZERO).with(FindingKind.THREADS, Action.IGNORE);

    Inspection inspection = new Inspection(FINDINGS, policy);

    assertThat(inspection.zeroes()).isTrue();
    assertThat(inspection.zeroing()).containsExactly(EXIT);
    assertThat(inspection.warnings()).containsExactly(SOCKET);
    assertThat(inspection.actionFor(THREAD)).isEqualTo(Action.IGNORE);
  }

  @Test
  void theDefaultPolicyWarnsAboutEverything() {
    Inspection inspection = new Inspection(FINDINGS, Policy.DEFAULT);

    assertThat(inspection.zeroes()).isFalse();
    assertThat(inspection.zeroing()).isEmpty();
    assertThat(inspection.warnings()).containsExactly(EXIT, SOCKET, THREAD);
  }

  @Test
  void noFindingsNeitherZeroNorWarn() {
    Inspection inspection = new Inspection(List.of(), Policy.uniform(Action.ZERO));

    assertThat(inspection.zeroes()).isFalse();
    assertThat(inspection.warnings()).isEmpty();
  }

  @Test
  void scansAFolderAndJudgesWhatItFinds(@TempDir Path temp) throws Exception {
    Path classes =
        JavaSources.compile(
            temp,
            Map.of(
                "cnn/Conv2d.java",
                "package cnn;\n\npublic class Conv2d {\n  void f() {\n    System.exit(0);\n  }\n}\n"));

    Inspection inspection =
        Inspection.of(classes, Policy.DEFAULT.with(FindingKind.EXIT, Action.ZERO));

    assertThat(inspection.zeroing())
        .containsExactly(
            new Finding(FindingKind.EXIT, "cnn.Conv2d", "f", 5, "java.lang.System.exit"));
  }
}
