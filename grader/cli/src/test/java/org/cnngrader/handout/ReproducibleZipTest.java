package org.cnngrader.handout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip's bytes depend on its entries only: not on their order, the clock or the time zone. */
class ReproducibleZipTest {

  @TempDir Path temp;

  private static HandoutEntry entry(String path, String text) {
    return new HandoutEntry(path, text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void entriesInAnyOrderAndAnyTimeZoneGiveTheSameBytes() throws Exception {
    List<HandoutEntry> entries =
        List.of(entry("src/B.java", "b"), entry("README.md", "r"), entry("pom.xml", "p"));
    List<HandoutEntry> reversed = new ArrayList<>(entries);
    Collections.reverse(reversed);
    TimeZone zone = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      ReproducibleZip.write(entries, temp.resolve("utc.zip"));
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      ReproducibleZip.write(reversed, temp.resolve("kiritimati.zip"));
    } finally {
      TimeZone.setDefault(zone);
    }

    assertThat(Files.mismatch(temp.resolve("utc.zip"), temp.resolve("kiritimati.zip")))
        .isEqualTo(-1L);
    try (ZipFile zip = new ZipFile(temp.resolve("utc.zip").toFile())) {
      assertThat(Collections.list(zip.entries()).stream().map(ZipEntry::getName))
          .containsExactly("README.md", "pom.xml", "src/B.java");
    }
  }
}
