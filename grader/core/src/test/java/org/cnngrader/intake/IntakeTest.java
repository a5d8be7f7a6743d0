package org.cnngrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What intake refuses before anything is compiled, by the rules the compiler follows too. */
class IntakeTest {

  @TempDir Path folder;

  private void write(String relative) throws IOException {
    Path file = folder.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, "class X {}\n");
  }

  @Test
  void aJavaFileAnywhereTheCompilerLooksIsEnough() throws IOException {
    write("src/main/java/cnn/Conv2d.java");

    assertThat(Intake.contentsProblem(folder, "alice/")).isNull();
  }

  @Test
  void javaFilesOnlyInBuildOutputDoNotCountAndTheFolderIsNamed() throws IOException {
    write("target/classes/cnn/Conv2d.java");
    write("build/Conv2d.java");
    write("notes.txt");

    assertThat(Intake.contentsProblem(folder, "alice.zip"))
        .isEqualTo("no .java file was handed in: only build/, notes.txt, target/ in alice.zip");
  }

  @Test
  void hiddenFilesAndMacOsMetadataAreNothing() throws IOException {
    write(".git/Conv2d.java");
    write("__MACOSX/cnn/._Conv2d.java");
    write(".DS_Store");

    assertThat(Intake.contentsProblem(folder, "alice/"))
        .isEqualTo("nothing was handed in: no file in alice/");
  }
}
