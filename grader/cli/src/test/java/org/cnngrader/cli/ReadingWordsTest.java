package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnngrader.intake.InputFormat;
import org.cnngrader.intake.Reading;
import org.junit.jupiter.api.Test;

class ReadingWordsTest {

  @Test
  void anLmsInputIsNamedWithItsSubmissionsStudentsAndLateOnes() {
    assertThat(SubmissionInputs.describe(new Reading("canvas", InputFormat.CANVAS, 5, 5, 1)))
        .isEqualTo("Read canvas as a Canvas download: 5 submissions, 5 students, 1 late.");
    assertThat(
            SubmissionInputs.describe(new Reading("export.zip", InputFormat.GRADESCOPE, 1, 2, 0)))
        .isEqualTo("Read export.zip as a Gradescope export: 1 submission, 2 students.");
  }

  @Test
  void aFolderOfSubmissionsIsCountedOnly() {
    assertThat(SubmissionInputs.describe(new Reading("hand-ins", InputFormat.FOLDERS, 42, 0, 0)))
        .isEqualTo("Read hand-ins as a folder of 42 submissions.");
  }

  @Test
  void aReadingNamesWhatItReadAndCountsNoMoreLateStudentsThanStudents() {
    assertThatThrownBy(() -> new Reading("x", InputFormat.AUTO, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Reading("x", InputFormat.CANVAS, 1, 1, 2))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
