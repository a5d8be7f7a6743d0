package org.cnngrader.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import org.cnngrader.TestSandbox;
import org.cnngrader.resources.ResourceControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxesTest {

  @TempDir Path temp;

  @Test
  void processAlwaysWorksAndPassesNothingOver() throws Exception {
    Sandboxes.Choice choice = Sandboxes.choose(SandboxChoice.PROCESS);

    assertThat(choice.sandbox().level()).isEqualTo(SandboxLevel.PROCESS);
    assertThat(choice.passedOver()).isEmpty();
    assertThat(choice.sandbox().exposes(temp)).isTrue();
  }

  @Test
  void autoExplainsEveryLevelItPassedOver() throws Exception {
    Sandboxes.Choice choice = Sandboxes.choose(SandboxChoice.AUTO);

    assertThat(choice.passedOver()).hasSize(choice.sandbox().level().number() - 1);
    assertThat(choice.passedOver())
        .allSatisfy(reason -> assertThat(reason).matches("(bwrap|user): .+"));
  }

  @Test
  void choicesParseFromTheirNamesAndRejectOthersWithTheList() {
    assertThat(SandboxChoice.parse("bwrap")).isEqualTo(SandboxChoice.BWRAP);
    assertThatThrownBy(() -> SandboxChoice.parse("Docker"))
        .hasMessage("unknown sandbox 'Docker': expected one of auto, bwrap, user, process");
  }

  @Test
  void choosingBubblewrapWhereItWorksGivesBubblewrap() throws Exception {
    TestSandbox.level(SandboxLevel.BWRAP); // not run, with the reason, where bubblewrap fails

    assertThat(Sandboxes.choose(SandboxChoice.BWRAP).sandbox().level())
        .isEqualTo(SandboxLevel.BWRAP);
  }

  @Test
  void choosingBubblewrapWhereItDoesNotWorkSaysWhy() {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        TestSandbox.strongest().level() == SandboxLevel.BWRAP,
        "bubblewrap works on this machine: the refusal cannot be seen here");

    assertThatThrownBy(() -> Sandboxes.choose(SandboxChoice.BWRAP))
        .isInstanceOf(SandboxUnavailableException.class)
        .hasMessageContaining("bwrap");
  }

  @Test
  void bubblewrapShowsTheJdkButNotTheGradersFiles() throws Exception {
    Sandbox sandbox = TestSandbox.level(SandboxLevel.BWRAP);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path secret = Files.writeString(temp.resolve("secret.json"), "{}");

    assertThat(sandbox.exposes(java)).isTrue();
    assertThat(sandbox.exposes(secret)).isFalse();
  }

  @Test
  void anotherUserReadsOnlyWhatEveryUserMayReadAndHidingTakesThatAway() throws Exception {
    OtherUser users =
        new OtherUser(
            Path.of("/usr/bin/setpriv"), ResourceControl.withoutControlGroups("not needed here"));
    Path open = Files.createDirectories(temp.resolve("open/deeper"));
    Path file = Files.writeString(open.resolve("fixture.json"), "{}");
    for (Path path : new Path[] {temp, temp.resolve("open"), open}) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(users.exposes(file)).isTrue();
    assertThat(OtherUser.hide(temp.resolve("open"))).isTrue();
    assertThat(OtherUser.hide(temp.resolve("open"))).isFalse();
    assertThat(Files.getPosixFilePermissions(temp.resolve("open")))
        .doesNotContain(
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    assertThat(users.exposes(file)).as("behind a folder others may not enter").isFalse();
  }
}
