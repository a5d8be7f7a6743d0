package org.cnngrader.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cnngrader.TestRepository;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.cnngrader.runner.Argument;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;
import org.cnngrader.runner.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template written from layers' descriptions: the hand-written template's signatures for the
 * built-in layers, the notebook's contracts for described ones, stubs the grader tells as not
 * written yet, Javadoc in the description's words, and clear refusals of what would not compile.
 */
class StudentTemplateTest {

  @TempDir Path temp;

  private static final Path HAND_WRITTEN =
      TestRepository.root().resolve("student-template/src/main/java");

  @Test
  void theBuiltInLayersGiveTheFilesOfTheHandWrittenTemplate() throws Exception {
    List<String> handWritten;
    try (Stream<Path> files = Files.walk(HAND_WRITTEN)) {
      handWritten =
          files
              .filter(Files::isRegularFile)
              .map(f -> HAND_WRITTEN.relativize(f).toString().replace('\\', '/'))
              .sorted()
              .toList();
    }

    List<JavaSource> sources = StudentTemplate.of(Layers.builtIn().all());

    assertThat(sources.stream().map(JavaSource::path).sorted().toList()).isEqualTo(handWritten);
  }

  @Test
  void theBuiltInTemplateCompilesCleanlyWithTheHandWrittenTemplatesSignatures() throws Exception {
    Path generatedRoot =
        Javac.write(temp.resolve("generated"), StudentTemplate.of(Layers.builtIn().all()));

    try (URLClassLoader generated =
            Javac.compile(generatedRoot, temp.resolve("generated-classes"), Javac.STRICT);
        URLClassLoader handWritten =
            Javac.compile(
                HAND_WRITTEN,
                temp.resolve("hand-written-classes"),
                List.of("-Xlint:none", "-Xdoclint:none", "-nowarn"))) {
      for (String className : classNames(Layers.builtIn().all())) {
        assertThat(publicSignatures(generated.loadClass(className)))
            .as(className)
            .isEqualTo(publicSignatures(handWritten.loadClass(className)))
            .isNotEmpty();
      }
    }
  }

  @Test
  void everyMethodOfTheBuiltInTemplateIsAStubThrownFromItsOwnBody() throws Exception {
    Path root = Javac.write(temp, StudentTemplate.of(Layers.builtIn().all()));

    try (URLClassLoader loader = Javac.compile(root, temp.resolve("classes"), Javac.STRICT)) {
      for (Layer layer : Layers.builtIn().all()) {
        LayerContract contract = layer.contract();
        Class<?> type = loader.loadClass(contract.className());
        Object instance = newInstance(type.getConstructors()[0]);
        for (Step step : contract.steps()) {
          Method method = methodOf(type, step);
          assertThatThrownBy(() -> method.invoke(instance, nulls(method.getParameterTypes())))
              .isInstanceOf(InvocationTargetException.class)
              .cause()
              .isInstanceOf(UnsupportedOperationException.class)
              .hasMessage(StudentTemplate.stubMessage(contract.simpleName(), step.method()))
              .satisfies(
                  e -> {
                    StackTraceElement top = e.getStackTrace()[0];
                    assertThat(top.getClassName() + "." + top.getMethodName())
                        .isEqualTo(contract.className() + "." + step.method());
                  });
        }
      }
    }
  }

  @Test
  void theNotebooksLayersGetTheirStudentContracts() throws Exception {
    List<Layer> notebook =
        List.of(
            WordedLayer.affine(),
            WordedLayer.relu(),
            WordedLayer.softmaxLoss(),
            WordedLayer.threeLayerConvNet());
    Path root = Javac.write(temp, StudentTemplate.of(notebook));

    try (URLClassLoader loader = Javac.compile(root, temp.resolve("classes"), Javac.STRICT)) {
      assertThat(publicSignatures(loader.loadClass("cnn.Affine")))
          .containsExactly(
              "public cnn.Affine()",
              "public cnn.AffineGradients cnn.Affine.backward(double[][])",
              "public double[][] cnn.Affine.forward(double[][],double[][],double[])");
      assertThat(publicSignatures(loader.loadClass("cnn.AffineGradients")))
          .contains("record (double[][] dx, double[][] dw, double[] db)");
      assertThat(publicSignatures(loader.loadClass("cnn.ReLU")))
          .containsExactly(
              "public cnn.ReLU()",
              "public double[][] cnn.ReLU.backward(double[][])",
              "public double[][] cnn.ReLU.forward(double[][])");
      assertThat(publicSignatures(loader.loadClass("cnn.SoftmaxLoss")))
          .containsExactly(
              "public cnn.SoftmaxLoss()",
              "public double cnn.SoftmaxLoss.forward(double[][],int[])",
              "public double[][] cnn.SoftmaxLoss.backward()");
      assertThat(publicSignatures(loader.loadClass("cnn.ThreeLayerConvNet")))
          .containsExactly(
              "public cnn.ConvNetParams cnn.ThreeLayerConvNet.gradients()",
              "public cnn.ThreeLayerConvNet(double)",
              "public double cnn.ThreeLayerConvNet.loss(double[][][][],int[],cnn.ConvNetParams)",
              "public double[][] cnn.ThreeLayerConvNet.scores(double[][][][],cnn.ConvNetParams)");
      assertThat(publicSignatures(loader.loadClass("cnn.ConvNetParams")))
          .contains(
              "record (double[][][][] w1, double[] b1, double[][] w2, double[] b2, double[][] w3,"
                  + " double[] b3)");
    }
  }

  @Test
  void aDescribedLayersClassReadsAsItsDescription() {
    List<JavaSource> sources = StudentTemplate.of(List.of(WordedLayer.affine()));

    assertThat(sources)
        .extracting(JavaSource::path)
        .containsExactly("cnn/Affine.java", "cnn/AffineGradients.java");
    assertThat(sources.get(0).text())
        .isEqualTo(
            """
            package cnn;

            /**
             * CS231n's affine_forward and affine_backward: out = x w + b, each of the N rows of x times w, plus
             * b.
             *
             * <h2>Shapes</h2>
             *
             * <ul>
             *   <li>{@code x}: [N, D]: N rows of D features
             *   <li>{@code w}: [D, M]: the weights, D by M
             *   <li>{@code b}: [M]: one bias per output
             *   <li>{@code dout}: [N, M]: the upstream gradient
             *   <li>{@code out}: [N, M]
             *   <li>{@code dx}: [N, D]: the shape of x
             *   <li>{@code dw}: [D, M]: the shape of w
             *   <li>{@code db}: [M]: the shape of b
             * </ul>
             *
             * <p>Do not change the constructor's or the methods' signatures: the grader calls exactly these.
             */
            public class Affine {

              /** The grader makes one for each case. */
              public Affine() {}

              /**
               * out[N][M] = x[N][D] w[D][M] + b[M]
               *
               * @param x [N, D]: N rows of D features
               * @param w [D, M]: the weights, D by M
               * @param b [M]: one bias per output
               * @return {@code out}, [N, M]
               */
              public double[][] forward(double[][] x, double[][] w, double[] b) {
                throw new UnsupportedOperationException("%s");
              }

              /**
               * The gradients of the latest forward.
               *
               * <p>Called after {@link #forward}.
               *
               * @param dout [N, M]: the upstream gradient
               * @return {@link AffineGradients}: {@code dx}, [N, D]: the shape of x; {@code dw}, [D, M]: the
               *     shape of w; {@code db}, [M]: the shape of b
               */
              public AffineGradients backward(double[][] dout) {
                throw new UnsupportedOperationException("%s");
              }
            }
            """
                .formatted(
                    StudentTemplate.stubMessage("Affine", "forward"),
                    StudentTemplate.stubMessage("Affine", "backward")));
    assertThat(sources.get(1).text())
        .isEqualTo(
            """
            package cnn;

            /**
             * Returned by {@link Affine#backward}.
             *
             * @param dx [N, D]: the shape of x
             * @param dw [D, M]: the shape of w
             * @param db [M]: the shape of b
             */
            public record AffineGradients(double[][] dx, double[][] dw, double[] db) {}
            """);
  }

  @Test
  void aRecordPassedAndReturnedIsDeclaredOnceWithItsUsesAndAnOutputSizeIsShown() {
    List<JavaSource> sources = StudentTemplate.of(List.of(WordedLayer.threeLayerConvNet()));

    assertThat(sources.get(0).text())
        .contains(
            """
             * <h2>Output size</h2>
             *
             * <pre>
             * H' = H/2
             * W' = W/2
             * </pre>
            """,
            "   * @param reg a double, at least 0\n",
            """
               * @param p {@link ConvNetParams}: {@code w1}, [F, C, HH, WW]; {@code b1}, [F]; {@code w2},
               *     [F*(H/2)*(W/2), K]; {@code b2}, [K]; {@code w3}, [K, classes]; {@code b3}, [classes]
            """,
            "   * @param y {@code y}\n",
            "   * @return {@code loss}\n",
            "   * <p>Called after {@link #loss}.\n");
    assertThat(sources.get(1).text())
        .isEqualTo(
            """
            package cnn;

            /**
             * Passed as {@code p} to {@link ThreeLayerConvNet#scores} and {@link ThreeLayerConvNet#loss};
             * returned by {@link ThreeLayerConvNet#gradients}.
             *
             * @param w1 [F, C, HH, WW]
             * @param b1 [F]
             * @param w2 [F*(H/2)*(W/2), K]
             * @param b2 [K]
             * @param w3 [K, classes]
             * @param b3 [classes]
             */
            public record ConvNetParams(
                double[][][][] w1, double[] b1, double[][] w2, double[] b2, double[][] w3, double[] b3) {}
            """);
  }

  @Test
  void aMethodTwoStepsCallIsWrittenOnceWithWhatEachPasses() {
    String batchNorm =
        StudentTemplate.of(Layers.builtIn().all()).stream()
            .filter(s -> s.simpleName().equals("SpatialBatchNorm"))
            .findFirst()
            .orElseThrow()
            .text();

    assertThat(batchNorm.split("public double\\[]\\[]\\[]\\[] forward\\(", -1)).hasSize(2);
    assertThat(batchNorm)
        .contains(
            "   * @param train the grader passes true or false\n",
            "   * @return {@code out}, the shape of a train batch; or {@code out_test}, the shape of"
                + " x_test\n",
            "   * @param channels the size of {@code x_train} along axis 2, C\n");
  }

  @Test
  void wordsThatWouldEndTheCommentOrBeReadAsCodeStayText() throws Exception {
    String words = "ends */ here, \\u000a breaks, <b>bold</b> & @param x {@code y}\nnext line";

    assertThat(Javadoc.text(words))
        .isEqualTo(
            "ends *&#47; here, &#92;u000a breaks, &lt;b&gt;bold&lt;/b&gt; &amp; &#64;param x"
                + " {&#64;code y} next line");
    Path root =
        Javac.write(temp, StudentTemplate.of(List.of(WordedLayer.affine().withSummary(words))));
    try (URLClassLoader loader = Javac.compile(root, temp.resolve("classes"), Javac.STRICT)) {
      assertThat(loader.loadClass("cnn.Affine").getConstructors()).hasSize(1);
    }
  }

  @Test
  void aNameJavaRefusesIsNamedWithItsLayerAndPlace() {
    WordedLayer affine = WordedLayer.affine();
    LayerContract keyword = renamed(affine.contract(), "forward", "class");
    LayerContract objects = renamed(affine.contract(), "forward", "hashCode");

    assertThatThrownBy(() -> StudentTemplate.of(List.of(affine.with(keyword))))
        .isInstanceOf(TemplateException.class)
        .hasMessage("affine: step forward's method must be a Java name, found \"class\"");
    assertThatThrownBy(() -> StudentTemplate.of(List.of(affine.with(objects))))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "affine: step forward's method must be a name that is not one of Object's methods,"
                + " found \"hashCode\"");
  }

  @Test
  void twoLayersOfOneClassOrOneRecordDeclaredTwoWaysAreRefused() {
    WordedLayer affine = WordedLayer.affine();
    LayerContract sameRecord =
        new LayerContract(
            "cnn.Other",
            List.of(),
            List.of(
                new Step(
                    "backward",
                    "backward",
                    List.of(Argument.value("dout", ValueType.TENSOR2)),
                    Result.RecordOf.of(
                        "AffineGradients", Result.RecordOf.component("dx", ValueType.TENSOR3)),
                    List.of())),
            null);

    assertThatThrownBy(() -> StudentTemplate.of(List.of(affine, affine)))
        .isInstanceOf(TemplateException.class)
        .hasMessage("affine: another layer of the assignment is class cnn.Affine");
    assertThatThrownBy(
            () -> StudentTemplate.of(List.of(affine, WordedLayer.relu().with(sameRecord))))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "relu: record cnn.AffineGradients would be (double[][][] dx), but affine declares it"
                + " (double[][] dx, double[][] dw, double[] db)");
  }

  @Test
  void twoStepsOfOneSignatureThatReturnDifferentTypesAreRefused() {
    WordedLayer relu = WordedLayer.relu();
    List<Step> steps = new ArrayList<>(relu.contract().steps());
    steps.add(
        new Step(
            "again",
            "forward",
            List.of(Argument.value("x", ValueType.TENSOR2)),
            new Result.Value("other", ValueType.TENSOR3),
            List.of()));
    LayerContract clash = new LayerContract("cnn.ReLU", List.of(), steps, null);

    assertThatThrownBy(() -> StudentTemplate.of(List.of(relu.with(clash))))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "relu: steps forward and again call the same method forward but return double[][]"
                + " and double[][][]");
  }

  private static LayerContract renamed(LayerContract contract, String step, String method) {
    List<Step> steps =
        contract.steps().stream()
            .map(
                s ->
                    s.key().equals(step)
                        ? new Step(s.key(), method, s.arguments(), s.result(), s.after())
                        : s)
            .toList();
    return new LayerContract(contract.className(), contract.constructor(), steps, null);
  }

  private static List<String> classNames(List<Layer> layers) {
    List<String> names = new ArrayList<>();
    for (Layer layer : layers) {
      names.add(layer.contract().className());
      layer.contract().recordTypes().stream()
          .map(r -> "cnn." + r)
          .filter(r -> !names.contains(r))
          .forEach(names::add);
    }
    return names;
  }

  /**
   * The public constructors and methods a class declares, and a record's components, sorted: what
   * the grader's contract check and a student's code can see of it.
   */
  private static List<String> publicSignatures(Class<?> type) {
    List<String> signatures = new ArrayList<>();
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      if (Modifier.isPublic(constructor.getModifiers())) {
        signatures.add(constructor.toString());
      }
    }
    for (Method method : type.getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers()) && !type.isRecord()) {
        signatures.add(method.toString());
      }
    }
    if (type.isRecord()) {
      signatures.add(
          Arrays.stream(type.getRecordComponents())
              .map(StudentTemplateTest::component)
              .collect(Collectors.joining(", ", "record (", ")")));
    }
    return signatures.stream().sorted().toList();
  }

  private static String component(RecordComponent component) {
    return component.getType().getSimpleName() + " " + component.getName();
  }

  private static Method methodOf(Class<?> type, Step step) throws NoSuchMethodException {
    for (Method method : type.getMethods()) {
      if (method.getName().equals(step.method())
          && method.getParameterCount() == step.arguments().size()) {
        return method;
      }
    }
    throw new NoSuchMethodException(type.getName() + "." + step.method());
  }

  private static Object newInstance(Constructor<?> constructor) throws Exception {
    return constructor.newInstance(nulls(constructor.getParameterTypes()));
  }

  /** Arguments of these types: 1 for a number, false, null for an array or a record. */
  private static Object[] nulls(Class<?>[] types) {
    Object[] values = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> type = types[i];
      values[i] =
          type == int.class
              ? (Object) 1
              : type == long.class
                  ? (Object) 1L
                  : type == double.class ? (Object) 1.0 : type == boolean.class ? false : null;
    }
    return values;
  }
}
