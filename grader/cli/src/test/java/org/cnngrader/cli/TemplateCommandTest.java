package org.cnngrader.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cnngrader.fixture.Assignment;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.described.Descriptions;
import org.cnngrader.template.JavaSource;
import org.cnngrader.template.Javac;
import org.cnngrader.template.StudentTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code grader template}: the files it writes, where, and what it refuses. */
class TemplateCommandTest {

  @TempDir Path temp;

  private final CommandLineRun cli = new CommandLineRun();

  private static final Path FIXTURES = CommandLineRun.home().resolve("fixtures");

  @Test
  void writesTheNamedLayersClassesAndTheirRecordsBelowMavensSourceFolder() throws Exception {
    Path out = temp.resolve("hw3");
    List<Layer> layers =
        List.of(Layers.builtIn().byId("maxpool2d").orElseThrow(), Layers.builtIn().all().get(0));
    List<JavaSource> sources = StudentTemplate.of(layers);

    int code =
        cli.run(
            "template",
            "--out",
            out.toString(),
            "--layers",
            layers.get(0).id() + "," + layers.get(1).id());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(cli.stderr()).isEmpty();
    Path root = out.resolve("src/main/java");
    int records = sources.size() - layers.size();
    StringBuilder expected =
        new StringBuilder(
            "Wrote "
                + sources.size()
                + " files below "
                + root
                + ": the classes of "
                + layers.get(0).id()
                + ", "
                + layers.get(1).id()
                + ", and "
                + records
                + (records == 1 ? " record.\n" : " records.\n"));
    for (JavaSource source : sources) {
      expected.append("  ").append(source.path()).append('\n');
      assertThat(Files.readString(root.resolve(source.path()), StandardCharsets.UTF_8))
          .isEqualTo(source.text());
    }
    assertThat(cli.stdout()).isEqualTo(expected.toString());
    assertThat(filesBelow(out)).hasSize(sources.size());
  }

  @Test
  void withoutLayersItWritesEveryLayerTheAssignmentNames() throws Exception {
    List<Layer> assigned =
        Assignment.of(FIXTURES).layers().stream().map(Assignment.Entry::layer).toList();

    assertThat(cli.run("template", "--out", temp.toString())).as(cli.stderr()).isZero();

    assertThat(filesBelow(temp))
        .containsExactlyInAnyOrderElementsOf(
            StudentTemplate.of(assigned).stream().map(s -> "src/main/java/" + s.path()).toList());
  }

  @Test
  void aFileThatExistsIsNeverReplacedAndThenNothingIsWritten() throws Exception {
    Path mine = temp.resolve("src/main/java/cnn/Gradients.java");
    Files.createDirectories(mine.getParent());
    Files.writeString(mine, "my own");

    int code = cli.run("template", "--out", temp.toString(), "--layers", "conv2d");

    assertThat(code).isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo(
            "grader: "
                + mine
                + " exists\n"
                + "grader: the template never replaces a file; nothing was written to "
                + temp
                + " (move those away, or choose another --out)\n");
    assertThat(cli.stdout()).isEmpty();
    assertThat(Files.readString(mine)).isEqualTo("my own");
    assertThat(filesBelow(temp)).containsExactly("src/main/java/cnn/Gradients.java");
  }

  @Test
  void aLayerTheFixturesLackOrAnOutThatIsAFileIsAUsageError() throws Exception {
    assertThat(cli.run("template", "--out", temp.toString(), "--layers", "dense")).isEqualTo(2);
    assertThat(cli.stderr())
        .isEqualTo(
            "grader: --layers: \"dense\" is no layer of these fixtures; they are "
                + Layers.in(FIXTURES).ids()
                + "\n");

    Path file = Files.writeString(temp.resolve("file"), "");
    CommandLineRun again = new CommandLineRun();
    assertThat(again.run("template", "--out", file.toString())).isEqualTo(2);
    assertThat(again.stderr()).isEqualTo("grader: --out " + file + " is a file, not a folder\n");
    assertThat(filesBelow(temp)).containsExactly("file");
  }

  @Test
  void aDescribedLayersClassesComeFromItsFileAloneAndCompile() throws Exception {
    Path root = temp.resolve("course");
    Files.createDirectories(root.resolve("affine"));
    Files.writeString(root.resolve("affine/layer.json"), Descriptions.AFFINE);
    Path out = temp.resolve("out");

    int code = cli.run("template", "--fixtures", root.toString(), "--out", out.toString());

    assertThat(code).as(cli.stderr()).isZero();
    assertThat(filesBelow(out))
        .containsExactly("src/main/java/cnn/Affine.java", "src/main/java/cnn/AffineGradients.java");
    try (URLClassLoader loader =
        Javac.compile(out.resolve("src/main/java"), temp.resolve("classes"), Javac.STRICT)) {
      Class<?> affine = loader.loadClass("cnn.Affine");
      assertThat(affine.getConstructor()).isNotNull();
      assertThat(affine.getMethod("forward", double[][].class, double[][].class, double[].class))
          .returns(double[][].class, Method::getReturnType);
      assertThat(affine.getMethod("backward", double[][].class))
          .returns(loader.loadClass("cnn.AffineGradients"), Method::getReturnType);
      assertThat(loader.loadClass("cnn.AffineGradients").getRecordComponents())
          .extracting(c -> c.getType().getSimpleName() + " " + c.getName())
          .containsExactly("double[][] dx", "double[][] dw", "double[] db");
    }
  }

  private static List<String> filesBelow(Path folder) throws Exception {
    try (Stream<Path> files = Files.walk(folder)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> folder.relativize(f).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }
}
