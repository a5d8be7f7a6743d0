package org.cnngrader.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cnngrader.report.Student;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submission_metadata.yml as Gradescope exports it, and as it arrives broken. */
class GradescopeMetadataTest {

  @TempDir Path temp;

  private Path metadata(String yaml) throws Exception {
    return Files.writeString(temp.resolve("submission_metadata.yml"), yaml);
  }

  @Test
  void readsTheSubmittersOfEveryEntryAndSkipsTheRest() throws Exception {
    Path file =
        metadata(
            """
            submission_101:
              :submitters:
              - :name: Jane Doe
                :sid: '1001'
                :email: jane@example.edu
              :created_at: 2024-03-01 12:00:00.000000000 Z
              :score: 8.0
              :results:
                score: 8.0
                output: |-
                  Public cases: 8 / 10
                  :submitters: not these
              :history: []
            submission_102:
              :submitters:
              - :name: Ann Lee
                :sid: 1002
                :email: ann@example.edu
              - :name: Bob Roe
                :sid: '1003'
            submission_103:
              :submitters: []
            """);

    GradescopeMetadata.Metadata read = GradescopeMetadata.read(file);

    assertThat(read.problems()).isEmpty();
    assertThat(read.entries())
        .containsOnlyKeys("submission_101", "submission_102", "submission_103");
    assertThat(read.entries().get("submission_101"))
        .isEqualTo(
            new GradescopeMetadata.Entry(
                List.of(Student.fromGradescope("Jane Doe", "jane@example.edu", "1001")), 1));
    assertThat(read.entries().get("submission_102").students())
        .containsExactly(
            Student.fromGradescope("Ann Lee", "ann@example.edu", "1002"),
            Student.fromGradescope("Bob Roe", "", "1003"));
    assertThat(read.entries().get("submission_103"))
        .isEqualTo(new GradescopeMetadata.Entry(List.of(), 21));
  }

  @Test
  void aFileThatIsNotYamlNamesFileLineAndColumn() throws Exception {
    Path file =
        metadata(
            """
            submission_101:
              :submitters:
              - :name: Jane Doe
               :sid: '1001'
            """);

    assertThatThrownBy(() -> GradescopeMetadata.read(file))
        .isInstanceOf(GradescopeMetadata.Unreadable.class)
        .hasMessage(
            file
                + ":4:4: not valid YAML: expected <block end>, but found '<block mapping start>'"
                + " (while parsing a block mapping)");
  }

  @Test
  void aFileThatIsNoMappingIsRefused() throws Exception {
    Path file = metadata("- submission_101\n- submission_102\n");

    assertThatThrownBy(() -> GradescopeMetadata.read(file))
        .isInstanceOf(GradescopeMetadata.Unreadable.class)
        .hasMessage(
            file
                + ":1:1: expected a mapping from submission folders to their details, found a"
                + " list");
  }

  @Test
  void entriesOfAnotherShapeAreKeptWithoutStudentsAndEachProblemNamesLineAndField()
      throws Exception {
    Path file =
        metadata(
            """
            submission_101: just text
            submission_102:
              :submitters: Jane Doe
            submission_103:
              :submitters:
              - Bob Roe
              - :name: Cy Poe
            submission_104:
              :score: 1.0
            """);

    GradescopeMetadata.Metadata read = GradescopeMetadata.read(file);

    assertThat(read.problems())
        .containsExactly(
            file
                + ":1:17: submission_101: expected a mapping with :submitters:, found a single value",
            file
                + ":3:16: submission_102: :submitters: expected a list of submitters, found a single value",
            file
                + ":6:3: submission_103: :submitters[0]: expected a submitter with :name:, :email: and :sid:, found string",
            file + ":8: submission_104: no :submitters: list");
    assertThat(read.entries().get("submission_101").students()).isEmpty();
    assertThat(read.entries().get("submission_102").students()).isEmpty();
    assertThat(read.entries().get("submission_103").students())
        .containsExactly(Student.fromGradescope("Cy Poe", "", ""));
  }

  @Test
  void namesLoseControlAndFormatCharacters() throws Exception {
    Path file =
        metadata(
            """
            submission_101:
              :submitters:
              - :name: "Eve\\e[31m Red\\u202e"
                :email: "eve@example.edu\\r\\n"
            """);

    assertThat(GradescopeMetadata.read(file).entries().get("submission_101").students())
        .containsExactly(Student.fromGradescope("Eve [31m Red", "eve@example.edu", ""));
  }
}
