package org.cnngrader.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed case-list schema is the one the layers and their references describe. */
class CaseListSchemaTest {

  @Test
  void theCaseListSchemaIsTheOneTheLayersDescribe() throws Exception {
    Path file =
        Path.of(System.getProperty("grader.repository")).resolve("fixtures/cases.schema.json");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, CaseListSchema.render());
      org.junit.jupiter.api.Assumptions.abort(
          "rewrote " + file + "; run again without -Dgolden.update to compare");
    }
    assertThat(Files.readString(file)).isEqualTo(CaseListSchema.render());
  }
}
