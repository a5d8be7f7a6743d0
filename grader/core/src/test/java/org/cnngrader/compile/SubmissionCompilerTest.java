package org.cnngrader.compile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cnngrader.SubmissionFolder;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionCompilerTest {

  private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  private final SubmissionCompiler compiler =
      new SubmissionCompiler(List.of(Conv2dLayer.LAYER.contract()), Duration.ofSeconds(60));

  @Test
  void copesWithAByteOrderMarkAMissingPackageAndAFileRenamedByTheLms(@TempDir Path temp)
      throws Exception {
    String source =
        Files.readString(
                org.cnngrader.TestRepository.example("correct-loops").resolve("cnn/Conv2d.java"))
            .replace("package cnn;\n", "");
    byte[] bytes = concat(BOM, source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path submission =
        SubmissionFolder.in(temp.resolve("student")).with("Conv2d-1.java", bytes).path();

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    Path classes = ((Compilation.Compiled) compilation).classes();
    assertThat(classes.resolve("cnn/Conv2d.class")).exists();
    assertThat(classes.resolve("cnn/Gradients.class")).exists();
    assertThat(compilation.notes())
        .containsExactly(
            "Conv2d-1.java: removed a byte-order mark, added the missing 'package cnn;'",
            "Conv2d-1.java: compiled as Conv2d.java",
            "used the template's Gradients record (the submission has none)");
  }

  @Test
  void compilesOnlySrcMainJavaWhereTheSubmissionIsAMavenProject(@TempDir Path temp)
      throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("student"))
            .withCorrectConv2d("src/main/java/cnn/Conv2d.java", "", "")
            .with("src/test/java/cnn/Conv2dTest.java", "this is not Java")
            .with("old/Conv2d.java", "neither is this")
            .path();

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    assertThat(compilation.notes()).contains("compiled only src/main/java/ (a Maven layout)");
  }

  @Test
  void keepsTheNewerOfTwoFilesThatDefineTheSameClass(@TempDir Path temp) throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("student"))
            .with("Conv2d.java", "package cnn; public class Conv2d { broken")
            .withCorrectConv2d("Conv2d-2.java", "", "")
            .path();
    Files.setLastModifiedTime(
        submission.resolve("Conv2d.java"), java.nio.file.attribute.FileTime.fromMillis(1_000_000));

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    assertThat(compilation.notes())
        .contains(
            "Conv2d.java and Conv2d-2.java both define cnn/Conv2d.java; compiled Conv2d-2.java, the newer");
  }

  @Test
  void betweenCopiesOfEqualAgeKeepsTheOneNearestTheTop(@TempDir Path temp) throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("student"))
            .with("backup/old/cnn/Conv2d.java", "package cnn; public class Conv2d { broken")
            .withCorrectConv2d("cnn/Conv2d.java", "", "")
            .path();
    java.nio.file.attribute.FileTime same = java.nio.file.attribute.FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(submission.resolve("backup/old/cnn/Conv2d.java"), same);
    Files.setLastModifiedTime(submission.resolve("cnn/Conv2d.java"), same);

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    assertThat(compilation.notes())
        .contains(
            "backup/old/cnn/Conv2d.java and cnn/Conv2d.java both define cnn/Conv2d.java; compiled"
                + " cnn/Conv2d.java (same time: the one named like its class, nearest the top)");
  }

  @Test
  void reportsCompileErrorsCompilerStyleWithTheStudentsFileName(@TempDir Path temp)
      throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("student"))
            .with("cnn/Conv2d.java", "package cnn;\n\npublic class Conv2d {\n  int x = 1\n}\n")
            .path();

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isInstanceOf(Compilation.Failed.class);
    assertThat(((Compilation.Failed) compilation).diagnostics())
        .isEqualTo("cnn/Conv2d.java:4: error: ';' expected\n  int x = 1\n           ^");
  }

  @Test
  void leavesOutAStrayFileThatDoesNotCompileAndSaysSo(@TempDir Path temp) throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("student"))
            .withCorrectConv2d("cnn/Conv2d.java", "", "")
            .with("cnn/Scratch.java", "package cnn;\nclass Scratch {\n  int x = \"one\";\n}\n")
            .path();

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    assertThat(compilation.notes())
        .contains(
            "cnn/Scratch.java: left out, it does not compile: cnn/Scratch.java:3: error: incompatible types:"
                + " java.lang.String cannot be converted to int");
  }

  @Test
  void keepsTheFirstErrorsWhenConv2dNeedsTheBrokenFile(@TempDir Path temp) throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("student"))
            .withCorrectConv2d("cnn/Conv2d.java", "int n = x.length;", "int n = Helper.size(x);")
            .with(
                "cnn/Helper.java",
                "package cnn;\nclass Helper {\n  static int size(double[][][][] x) { return x.length }\n}\n")
            .path();

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isInstanceOf(Compilation.Failed.class);
    assertThat(((Compilation.Failed) compilation).diagnostics())
        .startsWith("cnn/Helper.java:3: error: ';' expected");
  }

  @Test
  void takesAGradientsRecordDeclaredInsideConv2dJava(@TempDir Path temp) throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("student"))
            .withCorrectConv2d(
                "cnn/Conv2d.java",
                "public class Conv2d {",
                "record Gradients(double[][][][] dx, double[][][][] dw, double[] db) {}\n\n"
                    + "public class Conv2d {")
            .path();

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    assertThat(compilation.notes()).isEmpty();
  }

  @Test
  void compilesAgainstNothingButTheSubmission(@TempDir Path temp) throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("student"))
            .withCorrectConv2d(
                "cnn/Conv2d.java",
                "public class Conv2d {",
                "public class Conv2d {\n  com.fasterxml.jackson.databind.ObjectMapper mapper;")
            .path();

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isInstanceOf(Compilation.Failed.class);
    assertThat(((Compilation.Failed) compilation).diagnostics())
        .startsWith("cnn/Conv2d.java:")
        .contains("error: package com.fasterxml.jackson.databind does not exist");
  }

  @Test
  void findsNothingToCompileInAFolderWithoutJavaFiles(@TempDir Path temp) throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("student")).with("README.txt", "my solution").path();

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isEqualTo(new Compilation.NoSources("no Java files found"));
  }

  @Test
  void ignoresMacOsArchiveMetadata(@TempDir Path temp) throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("student"))
            .withCorrectConv2d("cnn/Conv2d.java", "", "")
            .with("__MACOSX/cnn/._Conv2d.java", new byte[] {0, 5, 22, 7})
            .path();

    assertThat(compiler.compile(submission, temp.resolve("work")))
        .isInstanceOf(Compilation.Compiled.class);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @Test
  void aSymbolicLinkIsNeverFollowedAndTheNoteSaysSo(@TempDir Path temp) throws Exception {
    Path folder = temp.resolve("linked");
    SubmissionFolder.in(folder).withCorrectConv2d("cnn/Conv2d.java", "", "");
    Path secret = Files.writeString(temp.resolve("Secret.java"), "class Secret {}");
    Files.createSymbolicLink(folder.resolve("cnn/Secret.java"), secret);

    Compilation compilation =
        new SubmissionCompiler(List.of(Conv2dLayer.LAYER.contract()), Duration.ofSeconds(60))
            .compile(folder, Files.createDirectories(temp.resolve("work")));

    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    assertThat(compilation.notes())
        .contains("cnn/Secret.java: left out, it is a symbolic link (hand in the file)");
  }
}
