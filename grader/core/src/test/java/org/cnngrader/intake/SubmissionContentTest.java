package org.cnngrader.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A submission's content hash changes with any change a student could make, and only then. */
class SubmissionContentTest {

  @TempDir Path temp;

  private Path submission(String name, String code) throws Exception {
    Path folder = Files.createDirectories(temp.resolve(name).resolve("cnn"));
    Files.writeString(folder.resolve("Conv2d.java"), code);
    return folder.getParent();
  }

  @Test
  void theSameFilesInAnotherFolderHashAlike() throws Exception {
    assertThat(SubmissionContent.sha256(submission("a", "class Conv2d {}")))
        .isEqualTo(SubmissionContent.sha256(submission("b", "class Conv2d {}")))
        .hasSize(64);
  }

  @Test
  void aChangedByteAnAddedFileARenameOrALinkEachChangeTheHash() throws Exception {
    String original = SubmissionContent.sha256(submission("a", "class Conv2d {}"));
    Path edited = submission("b", "class Conv2d { }");
    Path added = submission("c", "class Conv2d {}");
    Files.writeString(added.resolve("notes.txt"), "");
    Path renamed = submission("d", "class Conv2d {}");
    Files.move(renamed.resolve("cnn"), renamed.resolve("cnn2"));
    Path linked = submission("e", "class Conv2d {}");
    Files.createSymbolicLink(linked.resolve("secret"), Path.of("/etc/hostname"));

    assertThat(
            new String[] {
              SubmissionContent.sha256(edited),
              SubmissionContent.sha256(added),
              SubmissionContent.sha256(renamed),
              SubmissionContent.sha256(linked)
            })
        .doesNotContain(original)
        .doesNotHaveDuplicates();
  }

  @Test
  void aZipIsHashedByItsBytes() throws Exception {
    Path zip = temp.resolve("a.zip");
    Files.write(zip, new byte[] {1, 2, 3});
    String before = SubmissionContent.sha256(zip);
    Files.write(zip, new byte[] {1, 2, 4});

    assertThat(SubmissionContent.sha256(zip)).isNotEqualTo(before);
  }
}
