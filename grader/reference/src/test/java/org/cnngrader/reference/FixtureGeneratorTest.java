package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regenerating the repository's fixtures from its case list gives byte-identical files. */
class FixtureGeneratorTest {

  private static Path fixturesRoot() {
    return Path.of(System.getProperty("grader.repository")).resolve("fixtures");
  }

  @Test
  void regeneratesTheRepositorysFixturesByteForByte(@TempDir Path out) throws Exception {
    CaseList cases = CaseList.read(fixturesRoot().resolve(CaseList.FILE));

    for (CaseSpec spec : cases.cases()) {
      FixtureFiles.write(out, FixtureGenerator.generate(spec));
    }

    int compared = 0;
    for (Visibility visibility : Visibility.values()) {
      for (Path committed :
          FixtureFiles.jsonFiles(FixtureFiles.folder(fixturesRoot(), visibility))) {
        Path regenerated = FixtureFiles.folder(out, visibility).resolve(committed.getFileName());
        assertThat(regenerated).as("regenerated " + committed.getFileName()).exists();
        assertThat(Files.mismatch(committed, regenerated)).as(committed.toString()).isEqualTo(-1L);
        compared++;
      }
    }
    assertThat(compared).isEqualTo(cases.cases().size());
  }

  @Test
  void refusesACaseWhoseStrideDoesNotFit(@TempDir Path folder) throws Exception {
    Path list = folder.resolve("cases.json");
    Files.writeString(
        list,
        "{\"cases\": [{\"name\": \"bad\", \"visibility\": \"public\", \"n\": 1, \"c\": 1, \"h\": 5, \"w\": 5,"
            + " \"f\": 1, \"hh\": 3, \"ww\": 3, \"stride\": 3, \"pad\": 0, \"seed\": 1}]}");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> CaseList.read(list))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            list
                + ": cases[0]: case bad: (H - HH + 2*pad) and (W - WW + 2*pad) must be multiples of the stride");
  }
}
