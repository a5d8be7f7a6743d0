package org.cnngrader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cnngrader.TestRepository;
import org.cnngrader.TestSandbox;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.SubmissionGrader;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.resources.ResourceBound.Resource;
import org.cnngrader.sandbox.Isolation;
import org.cnngrader.sandbox.SandboxLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes a run resumable: a submission's folder is replaced whole, it records the key it was
 * graded under, and grader errors are kept apart from grades.
 */
class ResumableResultsTest {

  @TempDir Path out;

  private final ResultsWriter writer =
      new ResultsWriter(
          TestRepository.fixtures(), GradingOptions.DEFAULT, Isolation.of(SandboxLevel.PROCESS));

  private static SubmissionResult rejected(String id) {
    return new SubmissionGrader(
            TestRepository.fixtures(), GradingOptions.DEFAULT, TestSandbox.strongest())
        .rejected(id, "the zip cannot be read");
  }

  @Test
  void aNewResultReplacesTheEarlierFolderWholeAndLeavesNoStagingBehind() throws Exception {
    Path folder = out.resolve("alice");
    writer.write(rejected("alice"), folder, TestKeys.of("first"));
    Files.writeString(folder.resolve("stale.txt"), "from an earlier grader");

    writer.write(rejected("alice"), folder, TestKeys.of("second"));

    assertThat(folder.resolve("stale.txt")).doesNotExist();
    assertThat(folder.resolve(ResultsWriter.RESULTS)).isRegularFile();
    assertThat(ResultsWriter.keyOf(folder)).contains(TestKeys.of("second").value());
    try (Stream<Path> left = Files.list(out.resolve(ResultsWriter.STAGING))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aFolderWithoutResultsOrWithUnreadableProvenanceHasNoKey() throws Exception {
    Path folder = out.resolve("bob");
    assertThat(ResultsWriter.keyOf(folder)).isEmpty();
    writer.write(rejected("bob"), folder, TestKeys.of("bob"));
    Files.writeString(folder.resolve(ResultsWriter.PROVENANCE), "{ half written");

    assertThat(ResultsWriter.keyOf(folder)).isEmpty();
  }

  @Test
  void clearingTheStagingFolderDeletesWhatAKilledRunLeft() throws Exception {
    Path leftover = Files.createDirectories(out.resolve(ResultsWriter.STAGING).resolve("new-1"));
    Files.writeString(leftover.resolve(ResultsWriter.RESULTS), "{");

    ResultsWriter.clearStaging(out);

    assertThat(out.resolve(ResultsWriter.STAGING)).doesNotExist();
  }

  @Test
  void aScoresheetReadBackEqualsTheOneOfTheResultItWasWrittenFrom() throws Exception {
    SubmissionResult result = rejected("carol");
    ResultsWriter bounded =
        new ResultsWriter(
            TestRepository.fixtures(),
            GradingOptions.DEFAULT,
            new Isolation(
                SandboxLevel.USER,
                "auto",
                false,
                true,
                List.of("bwrap: not installed"),
                List.of(),
                List.of(
                    ResourceBound.held(Resource.MEMORY, "a control group per child, 1,088 MiB"),
                    ResourceBound.unbounded(Resource.TEMPORARY_SPACE, "no mount namespace"))));
    bounded.write(result, out.resolve("carol"), TestKeys.of("carol"));

    Scoresheet read = Scoresheet.read("carol", out.resolve("carol"));

    Scoresheet written = Scoresheet.of(result, List.of(), bounded.confinement());
    assertThat(read.parts()).isEqualTo(written.parts());
    assertThat(read.elapsed().toMillis()).isEqualTo(written.elapsed().toMillis());
    assertThat(read.firstProblem()).isEqualTo(written.firstProblem()).isNotEmpty();
    assertThat(read.confinement()).isEqualTo(written.confinement());
    assertThat(read.noCode()).isEqualTo(written.noCode()).isTrue();
    assertThat(read.confinement().levelNumber()).isEqualTo(2);
    assertThat(read.confinement().unbounded())
        .extracting(ResourceBound::resource)
        .containsExactly(Resource.TEMPORARY_SPACE);
  }

  @Test
  void resultsWithoutASandboxInTheirProvenanceHaveNoConfinementRecorded() throws Exception {
    writer.write(rejected("frank"), out.resolve("frank"), TestKeys.of("frank"));
    Path provenance = out.resolve("frank").resolve(ResultsWriter.PROVENANCE);
    ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode older =
        (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(provenance.toFile());
    older.remove("sandbox");
    Files.writeString(provenance, mapper.writeValueAsString(older));

    assertThat(Scoresheet.read("frank", out.resolve("frank")).confinement())
        .isEqualTo(Confinement.NOT_RECORDED);
  }

  @Test
  void noCodeAndGraderErrorsGetAStatusAndNoPointsInTheGradebookAndErrorsAFileOfTheirOwn()
      throws Exception {
    List<Scoresheet> sheets = List.of(Scoresheet.of(rejected("dave")));
    List<GraderError> errors = List.of(new GraderError("=erin", "No space left on device"));

    ResultsWriter.writeRun(sheets, errors, out);

    List<String> rows = Files.readAllLines(out.resolve(Gradebook.FILE));
    // Dave's zeros are for him to read: no code was graded, and the gradebook holds no grade.
    assertThat(rows.get(1)).matches("dave,,,,,\"no code: the zip cannot be read\",*");
    assertThat(rows.get(2)).matches("\"'=erin\",,,,,\"grader error: No space left on device\",*");
    assertThat(ResultsWriter.readErrors(out)).isEqualTo(errors);
    assertThat(Files.readString(out.resolve(IndexPage.FILE)))
        .contains("1 submission with no code graded (no grade, in no statistic): dave.")
        .contains("Not graded: faults of the grader, graded again next run")
        .contains("No space left on device");

    ResultsWriter.writeRun(sheets, List.of(), out);

    assertThat(out.resolve(ResultsWriter.GRADER_ERRORS)).doesNotExist();
    assertThat(ResultsWriter.readErrors(out)).isEmpty();
  }

  @Test
  void aGraderErrorsFileOfAnotherShapeIsRefusedNamingTheEntry() throws Exception {
    new ObjectMapper()
        .writeValue(out.resolve(ResultsWriter.GRADER_ERRORS).toFile(), List.of("just text"));

    assertThatThrownBy(() -> ResultsWriter.readErrors(out))
        .isInstanceOf(IOException.class)
        .hasMessage(
            out.resolve(ResultsWriter.GRADER_ERRORS)
                + ": [0]: expected \"submission\" and \"error\" texts");
  }

  @Test
  void keysDifferWhenAnyPartDiffers() {
    GradingKey key = TestKeys.of("x");
    String other = GradingKey.sha256("other");

    assertThat(
            Stream.of(
                    new GradingKey(other, key.build(), key.fixtures(), key.options()),
                    new GradingKey(key.submission(), other, key.fixtures(), key.options()),
                    new GradingKey(key.submission(), key.build(), other, key.options()),
                    new GradingKey(key.submission(), key.build(), key.fixtures(), other))
                .map(GradingKey::value))
        .doesNotContain(key.value())
        .doesNotHaveDuplicates();
    assertThatThrownBy(() -> new GradingKey("abc", other, other, other))
        .hasMessage("submission must be a SHA-256 in 64 lowercase hex digits, found [abc]");
  }
}
