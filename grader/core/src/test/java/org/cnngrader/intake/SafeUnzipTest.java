package org.cnngrader.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeUnzipTest {

  @TempDir Path temp;

  private Path zip(String name, Map<String, byte[]> entries) throws IOException {
    Path zip = temp.resolve(name);
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue());
        out.closeEntry();
      }
    }
    return zip;
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void extractsNestedSourcesIntoTheTarget() throws Exception {
    Path zip = zip("alice.zip", Map.of("src/main/java/cnn/Conv2d.java", text("class Conv2d {}")));

    SafeUnzip.extract(zip, temp.resolve("out"), SafeUnzip.Caps.DEFAULT);

    assertThat(temp.resolve("out/src/main/java/cnn/Conv2d.java")).hasContent("class Conv2d {}");
  }

  @Test
  void refusesEntriesThatLeaveTheTarget() throws Exception {
    Path up = zip("up.zip", Map.of("../../evil.java", text("x")));
    Path absolute = zip("abs.zip", Map.of("/tmp/evil.java", text("x")));
    Path drive = zip("drive.zip", Map.of("C:\\\\evil.java", text("x")));

    assertThatThrownBy(() -> SafeUnzip.extract(up, temp.resolve("a"), SafeUnzip.Caps.DEFAULT))
        .isInstanceOf(IntakeException.class)
        .hasMessage(
            "up.zip: the entry ../../evil.java points outside the folder it is extracted to");
    assertThatThrownBy(() -> SafeUnzip.extract(absolute, temp.resolve("b"), SafeUnzip.Caps.DEFAULT))
        .hasMessage("abs.zip: the entry /tmp/evil.java has an absolute path");
    assertThatThrownBy(() -> SafeUnzip.extract(drive, temp.resolve("c"), SafeUnzip.Caps.DEFAULT))
        .hasMessageContaining("has an absolute path");
    assertThat(temp.resolve("evil.java")).doesNotExist();
  }

  @Test
  void capsTheNumberOfFilesAndTheBytesActuallyWritten() throws Exception {
    Path many =
        zip("many.zip", Map.of("a.java", text("a"), "b.java", text("b"), "c.java", text("c")));
    // Highly compressible: a few kilobytes in the archive, a megabyte once extracted.
    Path bomb = zip("bomb.zip", Map.of("big.java", new byte[1024 * 1024]));

    assertThatThrownBy(
            () -> SafeUnzip.extract(many, temp.resolve("m"), new SafeUnzip.Caps(2, 1000)))
        .hasMessage("many.zip holds more than 2 files; hand in your sources only");
    assertThatThrownBy(
            () -> SafeUnzip.extract(bomb, temp.resolve("z"), new SafeUnzip.Caps(10, 64 * 1024)))
        .hasMessage("bomb.zip holds more than it may once extracted; hand in your sources only");
    assertThat(Files.size(bomb)).isLessThan(64 * 1024);
  }

  @Test
  void aFileThatIsNotAZipSaysSo() throws Exception {
    Path notZip = Files.writeString(temp.resolve("bob.zip"), "this is not a zip");

    assertThatThrownBy(() -> SafeUnzip.extract(notZip, temp.resolve("n"), SafeUnzip.Caps.DEFAULT))
        .isInstanceOf(IntakeException.class)
        .hasMessageStartingWith("bob.zip is not a readable zip file (");
  }
}
