package org.cnngrader.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cnngrader.report.Student;
import org.junit.jupiter.api.Test;

/** The names Canvas gives the files of a "Download Submissions" zip, and the students they make. */
class CanvasDownloadTest {

  private static Optional<CanvasDownload.File> parse(String name) {
    return CanvasDownload.parse(Path.of("download", name));
  }

  private static CanvasDownload.StudentKey student(String name, String id, boolean late) {
    return new CanvasDownload.StudentKey(name, id, late);
  }

  @Test
  void aFileNameGivesTheStudentTheFileIdAndTheNameTheFileHadInCanvas() {
    assertThat(parse("doejane_1001_5001_Conv2d.java").orElseThrow())
        .isEqualTo(
            new CanvasDownload.File(
                Path.of("download", "doejane_1001_5001_Conv2d.java"),
                student("doejane", "1001", false),
                "5001",
                "Conv2d.java"));
  }

  @Test
  void lateResubmittedZippedAnonymousAndInlineSubmissionsAreRecognised() {
    assertThat(parse("roeann_LATE_1002_5002_Conv2d-1.java").orElseThrow())
        .extracting(CanvasDownload.File::student, CanvasDownload.File::original)
        .containsExactly(student("roeann", "1002", true), "Conv2d-1.java");
    assertThat(parse("obrien_sean_1003_5003_my_project.zip").orElseThrow())
        .extracting(CanvasDownload.File::student, CanvasDownload.File::original)
        .containsExactly(student("obrien_sean", "1003", false), "my_project.zip");
    assertThat(parse("LATE_anon_x7Kq2_5004_Conv2d.java").orElseThrow())
        .extracting(CanvasDownload.File::student, CanvasDownload.File::original)
        .containsExactly(student("", "anon_x7Kq2", true), "Conv2d.java");
    assertThat(parse("doejane_1001_text.html").orElseThrow())
        .extracting(CanvasDownload.File::fileId, CanvasDownload.File::original)
        .containsExactly("", "text.html");
  }

  @Test
  void aNameBeyondAsciiIsKept() {
    String name = "müllerjürgen_1005_5005_Conv2d.java";
    // Under a POSIX locale the JVM encodes file names in ASCII and no such path exists at all.
    String encoding = System.getProperty("sun.jnu.encoding", "UTF-8");
    assumeTrue(
        Charset.isSupported(encoding) && Charset.forName(encoding).newEncoder().canEncode(name),
        "file names are encoded in " + encoding + " here, which cannot hold " + name);
    assertThat(parse(name).orElseThrow().student().name()).isEqualTo("müllerjürgen");
  }

  @Test
  void otherNamesAreNoCanvasFiles() {
    assertThat(parse("Conv2d.java")).isEmpty();
    assertThat(parse("doejane_Conv2d.java")).isEmpty();
    assertThat(parse("doe-jane_1001_5001_Conv2d.java")).isEmpty();
    assertThat(parse("doejane_1001_5001_..")).isEmpty();
    assertThat(parse("submission_metadata.yml")).isEmpty();
  }

  @Test
  void theFilesOfOneStudentMakeOneSubmissionNamedAfterThem() {
    List<String> warnings = new ArrayList<>();
    List<Path> files =
        List.of(
            Path.of("d/doejane_1001_5000_Gradients.java"),
            Path.of("d/doejane_1001_5001_Conv2d.java"),
            Path.of("d/notes.txt"),
            Path.of("d/LATE_anon_x7Kq2_5004_Conv2d.java"));

    List<Submissions.Found> found =
        CanvasDownload.submissions(files, Path::toString, warnings::add);

    assertThat(found).extracting(Submissions.Found::name).containsExactly("doejane", "anon_x7Kq2");
    assertThat(found.get(0).students())
        .containsExactly(Student.fromCanvas("doejane", "1001", false));
    assertThat(found.get(0).source().where()).isEqualTo(Path.of("d/doejane_1001_*").toString());
    assertThat(((Submissions.Source.CanvasFiles) found.get(0).source()).files()).hasSize(2);
    // Its one file is marked LATE, so its hand-in is.
    assertThat(found.get(1).students()).containsExactly(Student.fromCanvas("", "anon_x7Kq2", true));
    assertThat(warnings)
        .containsExactly(
            "d/notes.txt: not named as in a Canvas download"
                + " (<name>_<user id>_<file id>_<file name>), left out");
  }
}
