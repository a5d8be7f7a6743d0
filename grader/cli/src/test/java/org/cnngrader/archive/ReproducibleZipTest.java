package org.cnngrader.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A zip's bytes depend on its items only: not on the clock or the time zone. */
class ReproducibleZipTest {

  @TempDir Path temp;

  private static final List<ZipItem> ITEMS =
      List.of(
          new ZipItem("run_autograder", true, () -> stream("#!/bin/sh\n")),
          ZipItem.of("src/cnn/B.java", "b".getBytes(StandardCharsets.UTF_8)),
          ZipItem.of("README.md", "r".getBytes(StandardCharsets.UTF_8)));

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theSameItemsGiveTheSameBytesInAnyTimeZone() throws Exception {
    TimeZone zone = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      ReproducibleZip.write(ITEMS, temp.resolve("utc.zip"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      ReproducibleZip.write(ITEMS, temp.resolve("kiritimati.zip"));
      TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
      byte[] inMemory = ReproducibleZip.bytes(ITEMS);

      assertThat(Files.mismatch(temp.resolve("utc.zip"), temp.resolve("kiritimati.zip")))
          .isEqualTo(-1L);
      assertThat(inMemory).isEqualTo(Files.readAllBytes(temp.resolve("utc.zip")));
    } finally {
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void entriesKeepTheirOrderWithEachFolderBeforeItsFirstFileAndTheEntryTime() throws Exception {
    ReproducibleZip.write(ITEMS, temp.resolve("items.zip"));

    try (ZipFile zip = new ZipFile(temp.resolve("items.zip").toFile())) {
      List<? extends ZipEntry> entries = Collections.list(zip.entries());
      assertThat(entries)
          .extracting(ZipEntry::getName)
          .containsExactly("run_autograder", "src/", "src/cnn/", "src/cnn/B.java", "README.md");
      assertThat(entries)
          .extracting(ZipEntry::getTimeLocal)
          .containsOnly(ReproducibleZip.ENTRY_TIME);
      assertThat(entries).allMatch(e -> e.getExtra() == null || e.getExtra().length == 0);
    }
  }

  @Test
  void scriptsAndFoldersAreExecutableOtherFilesNot() throws Exception {
    ReproducibleZip.write(ITEMS, temp.resolve("items.zip"));

    try (org.apache.commons.compress.archivers.zip.ZipFile zip =
        org.apache.commons.compress.archivers.zip.ZipFile.builder()
            .setPath(temp.resolve("items.zip"))
            .get()) {
      assertThat(Collections.list(zip.getEntries()))
          .extracting(ZipArchiveEntry::getName, e -> Integer.toOctalString(e.getUnixMode()))
          .containsExactly(
              tuple("run_autograder", "100755"),
              tuple("src/", "40755"),
              tuple("src/cnn/", "40755"),
              tuple("src/cnn/B.java", "100644"),
              tuple("README.md", "100644"));
    }
    assertThat(temp).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void anItemGivenTwiceIsRefusedAndNothingIsWritten() {
    List<ZipItem> twice = List.of(ITEMS.get(2), ITEMS.get(2));

    assertThatThrownBy(() -> ReproducibleZip.write(twice, temp.resolve("twice.zip")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the zip holds [README.md] twice");
    assertThat(temp.resolve("twice.zip")).doesNotExist();
    assertThat(temp).isEmptyDirectory();
  }

  @Test
  void aPathThatLeavesTheZipIsRefused() {
    assertThatThrownBy(() -> ZipItem.of("../etc/passwd", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a zip path must be relative, with / between folders, found [../etc/passwd]");
  }
}
