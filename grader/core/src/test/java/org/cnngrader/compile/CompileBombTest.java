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

/**
 * Sources that make the compiler itself run out of memory, stack or time. Each costs the compile
 * worker, never the grader's own JVM: the stray file is named with what ran out, the correct Conv2d
 * beside it still compiles, and so does the next submission.
 */
class CompileBombTest {

  private static final Duration LIMIT = Duration.ofSeconds(8);

  private final SubmissionCompiler compiler =
      new SubmissionCompiler(List.of(Conv2dLayer.LAYER.contract()), LIMIT);

  @TempDir Path temp;

  /** Compiles the correct Conv2d beside {@code file}; returns the note on the file left out. */
  private String leftOutNote(String file, String source) throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("bomb"))
            .withCorrectConv2d("cnn/Conv2d.java", "", "")
            .with(file, source)
            .path();

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    assertThat(((Compilation.Compiled) compilation).classes().resolve("cnn/Conv2d.class")).exists();
    assertTheNextSubmissionCompiles();
    return compilation.notes().stream()
        .filter(note -> note.startsWith(file + ": left out"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no note on " + file + ": " + compilation.notes()));
  }

  private void assertTheNextSubmissionCompiles() throws Exception {
    Path next =
        SubmissionFolder.in(temp.resolve("next"))
            .withCorrectConv2d("cnn/Conv2d.java", "", "")
            .path();
    assertThat(compiler.compile(next, temp.resolve("next-work")))
        .isInstanceOf(Compilation.Compiled.class);
  }

  @Test
  void constantsThatDoubleRunTheCompilerOutOfMemory() throws Exception {
    StringBuilder source =
        new StringBuilder(
            "package cnn;\nclass Fold {\n  static final String S0 = \"0123456789\";\n");
    for (int i = 1; i <= 30; i++) {
      source.append("  static final String S").append(i).append(" = S").append(i - 1);
      source.append(" + S").append(i - 1).append(";\n");
    }
    source.append("  static final int N = S30.length();\n}\n");

    assertThat(leftOutNote("cnn/Fold.java", source.toString()))
        .isEqualTo(
            "cnn/Fold.java: left out, it does not compile: the compiler ran out of memory (it may"
                + " use 512 MiB) while checking cnn/Fold.java: look for compile-time constants that"
                + " grow (a String constant built from itself again and again), expressions nested"
                + " thousands deep, or generic calls whose types are hard to infer");
  }

  @Test
  void expressionsNestedThousandsDeepRunTheCompilerOutOfStack() throws Exception {
    String source =
        "package cnn;\nclass Nest {\n  int x = "
            + "(".repeat(20_000)
            + "1"
            + ")".repeat(20_000)
            + ";\n}\n";

    assertThat(leftOutNote("cnn/Nest.java", source))
        .isEqualTo(
            "cnn/Nest.java: left out, it does not compile: the compiler ran out of stack while"
                + " reading cnn/Nest.java: look for expressions or statements nested thousands"
                + " deep");
  }

  @Test
  void genericInferenceThatBlowsUpIsStoppedAtTheTimeLimit() throws Exception {
    String nested = "0";
    for (int i = 0; i < 14; i++) {
      nested = "id(b ? " + nested + " : id(0))";
    }
    String source =
        "package cnn;\nclass Infer {\n  static <T> T id(T t) {\n    return t;\n  }\n\n"
            + "  static boolean b;\n  Integer y = "
            + nested
            + ";\n}\n";
    long start = System.nanoTime();

    String note = leftOutNote("cnn/Infer.java", source);

    assertThat(note)
        .isEqualTo(
            "cnn/Infer.java: left out, it does not compile: compilation took longer than 8 s and"
                + " was stopped while checking cnn/Infer.java: look for compile-time constants"
                + " that grow (a String constant built from itself again and again), expressions"
                + " nested thousands deep, or generic calls whose types are hard to infer");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
  }

  @Test
  void aFiftyMegabyteSourceIsRefusedBeforeTheCompilerSeesIt() throws Exception {
    Path submission =
        SubmissionFolder.in(temp.resolve("huge"))
            .withCorrectConv2d("cnn/Conv2d.java", "", "")
            .path();
    Path huge = submission.resolve("cnn/Huge.java");
    Files.writeString(
        huge, "package cnn;\nclass Huge {\n" + "  // padding\n".repeat(4_000_000) + "}\n");

    Compilation compilation = compiler.compile(submission, temp.resolve("work"));

    assertThat(compilation).isInstanceOf(Compilation.Failed.class);
    assertThat(((Compilation.Failed) compilation).diagnostics())
        .isEqualTo(
            "cnn/Huge.java: error: the file is 49.5 MiB; the grader compiles source files of at"
                + " most 1.0 MiB (a layer takes a few KB)");
    assertTheNextSubmissionCompiles();
  }
}
