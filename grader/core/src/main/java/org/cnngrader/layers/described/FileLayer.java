package org.cnngrader.layers.described;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.layer.DescribedLayer;
import org.cnngrader.layer.InvalidCase;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.LayerTolerance;
import org.cnngrader.layer.ParamSpec;
import org.cnngrader.layer.Params;
import org.cnngrader.layer.Part;
import org.cnngrader.layer.Setting;
import org.cnngrader.layer.ShapeCandidate;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * A layer described by a file ({@code fixtures/<id>/layer.json}, read by {@link LayerFile}) rather
 * than by Java: its shapes are the file's expressions, its shape feedback derives them with the
 * case's numbers, its mistakes' sentences take the case's numbers in their placeholders, its bounds
 * are the file's tolerance, and its gradient check's case is drawn from the file's sizes and seed.
 */
public final class FileLayer extends DescribedLayer {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)\\}");

  /**
   * The gradient check's small case as the file gives it: parameters, every symbol's size, seed.
   */
  public record GradientCheckCase(Params params, Map<String, Long> sizes, long seed) {
    public GradientCheckCase {
      sizes = Map.copyOf(sizes);
    }
  }

  /** What the file says in words, for the template's Javadoc: none of it is graded. */
  public record Words(
      String title, String summary, Map<String, String> stepDocs, Map<String, String> params) {
    public Words {
      stepDocs = Map.copyOf(stepDocs);
      params = Map.copyOf(params);
    }
  }

  private final Path file;
  private final List<DescribedTensor> described;
  private final List<DescribedTensor> describedOutputs;
  private final LayerTolerance tolerance;
  private final GradientCheckCase gradientCheck;
  private final Words words;

  FileLayer(
      Path file,
      String id,
      LayerContract contract,
      List<ParamSpec> params,
      List<DescribedTensor> inputs,
      List<DescribedTensor> outputs,
      List<Part> parts,
      List<FileMistake> mistakes,
      LayerTolerance tolerance,
      GradientCheckCase gradientCheck,
      Words words) {
    super(
        id,
        contract,
        params,
        inputs.stream().map(DescribedTensor::spec).toList(),
        outputs.stream().map(DescribedTensor::spec).toList(),
        parts,
        mistakes);
    this.file = file;
    this.described = List.copyOf(inputs);
    this.describedOutputs = List.copyOf(outputs);
    this.tolerance = tolerance;
    this.gradientCheck = gradientCheck;
    this.words = words;
  }

  /** The file it was read from. */
  public Path file() {
    return file;
  }

  public List<DescribedTensor> describedInputs() {
    return described;
  }

  public List<DescribedTensor> describedOutputs() {
    return describedOutputs;
  }

  @Override
  public LayerTolerance tolerance() {
    return tolerance;
  }

  public Words words() {
    return words;
  }

  @Override
  public String title() {
    return words.title() == null ? super.title() : words.title();
  }

  @Override
  public String summary() {
    return words.summary() == null ? super.summary() : words.summary();
  }

  @Override
  public String stepDoc(String key) {
    String doc = words.stepDocs().get(key);
    return doc == null ? super.stepDoc(key) : doc;
  }

  /** The file's words for the parameter, then its type and range: "the L2 strength; a double". */
  @Override
  public String paramWords(String key) {
    String typed = super.paramWords(key);
    String own = words.params().get(key);
    return own == null ? typed : own + "; " + typed;
  }

  @Override
  public Map<String, Shape> shapes(Params params, Map<String, Shape> inputs) {
    Map<String, Long> numbers = Sizes.bind(described, params, inputs);
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (DescribedTensor input : described) {
      shapes.put(input.key(), inputs.get(input.key()));
    }
    for (DescribedTensor output : describedOutputs) {
      shapes.put(output.key(), Sizes.shape(output.key(), output.dims(), numbers));
    }
    return shapes;
  }

  /**
   * Class labels must lie in their range: outside it, a correct layer would index out of bounds.
   */
  @Override
  public void checkValues(Params params, Map<String, Tensor> inputs) {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    inputs.forEach((key, tensor) -> shapes.put(key, tensor.shape()));
    Map<String, Long> numbers = Sizes.bind(described, params, shapes);
    for (DescribedTensor input : described) {
      if (input.range() == null) {
        continue;
      }
      long low = input.range().low().value(numbers);
      long high = input.range().high().value(numbers);
      Tensor values = inputs.get(input.key());
      for (int i = 0; i < values.size(); i++) {
        double value = values.get(i);
        if (value < low || value > high) {
          throw new InvalidCase(
              "inputs." + input.key() + ".data[" + i + "]",
              String.format(
                  "must be from %s to %s, found %s",
                  input.range().low().derivation(numbers),
                  input.range().high().derivation(numbers),
                  value == Math.rint(value)
                      ? String.valueOf((long) value)
                      : String.valueOf(value)));
        }
      }
    }
  }

  @Override
  public LayerBounds bounds(Params params, Map<String, Tensor> inputs) {
    return tolerance.bounds();
  }

  @Override
  public List<ShapeCandidate> shapeMistakes(Setting setting, String tensor) {
    Map<String, Long> numbers = numbers(setting);
    Shape right = Sizes.shape(tensor, outputNamed(tensor).dims(), numbers);
    List<ShapeCandidate> candidates = new ArrayList<>();
    for (KnownMistake known : mistakes()) {
      List<Dim> dims = ((FileMistake) known).shapes().get(tensor);
      if (dims == null) {
        continue;
      }
      try {
        Shape wrong = Sizes.shape(tensor, dims, numbers);
        if (!wrong.equals(right)) {
          candidates.add(new ShapeCandidate(known, wrong));
        }
      } catch (InvalidCase e) {
        // The mistake's formula gives no shape in this case (a size below 1): it explains none.
      }
    }
    return candidates;
  }

  @Override
  public String shouldHaveShape(String tensor, Shape expected, Shape actual, Setting setting) {
    DescribedTensor output = outputNamed(tensor);
    if (output.dims().isEmpty()) {
      return tensor + " should be a scalar (shape []), but was " + actual;
    }
    String should =
        tensor
            + " should have shape "
            + output.shapeInDims()
            + " = "
            + expected
            + (output.words() == null ? "" : " (" + output.words() + ")")
            + ", but was "
            + actual;
    if (expected.rank() != actual.rank()) {
      return should;
    }
    Map<String, Long> numbers = numbers(setting);
    List<String> lines = new ArrayList<>();
    lines.add(should + ":");
    for (int axis = 0; axis < expected.rank(); axis++) {
      if (expected.dim(axis) != actual.dim(axis)) {
        Dim dim = output.dims().get(axis);
        lines.add(
            "- "
                + dimension(dim, axis)
                + " should be "
                + dim.size().derivation(numbers)
                + ", but was "
                + actual.dim(axis));
      }
    }
    return String.join("\n", lines);
  }

  /**
   * "output height" where the file words it, else its name where that differs, else "first
   * dimension".
   */
  private static String dimension(Dim dim, int axis) {
    if (dim.words() != null) {
      return dim.words();
    }
    if (!dim.name().equals(dim.size().text())) {
      return dim.name();
    }
    return Sizes.ordinal(axis) + " dimension";
  }

  @Override
  public String likelyMistake(
      KnownMistake mistake, String tensor, Shape wrongShape, Setting setting) {
    Map<String, Long> numbers = numbers(setting);
    Matcher matcher = PLACEHOLDER.matcher(((FileMistake) mistake).sentence());
    StringBuilder sentence = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      Object value =
          numbers.containsKey(name) ? numbers.get(name) : setting.params().values().get(name);
      matcher.appendReplacement(
          sentence,
          Matcher.quoteReplacement(value == null ? matcher.group() : String.valueOf(value)));
    }
    matcher.appendTail(sentence);
    return sentence.toString();
  }

  /**
   * The file's small case: every input drawn uniformly in [-1, 1) from the file's seed, in the
   * order the file lists them (class labels uniformly in their range), and the upstream gradient
   * zero-filled, for the probe to choose.
   */
  @Override
  public SmallCase smallCase() {
    if (gradientCheck == null) {
      throw new IllegalStateException(id() + " has no gradient_check");
    }
    Map<String, Long> numbers = new LinkedHashMap<>(Sizes.ofParams(gradientCheck.params()));
    numbers.putAll(gradientCheck.sizes());
    SplittableRandom random = new SplittableRandom(gradientCheck.seed());
    Map<String, Tensor> inputs = new LinkedHashMap<>();
    for (DescribedTensor input : described) {
      Shape shape = Sizes.shape(input.key(), input.dims(), numbers);
      double[] values = new double[shape.size()];
      if (!input.key().equals(upstream())) {
        for (int i = 0; i < values.length; i++) {
          values[i] = draw(input, random, numbers);
        }
      }
      inputs.put(input.key(), new Tensor(shape, values));
    }
    return new SmallCase(gradientCheck.params(), inputs, gradientCheck.seed());
  }

  private static double draw(
      DescribedTensor input, SplittableRandom random, Map<String, Long> numbers) {
    if (input.range() != null) {
      long low = input.range().low().value(numbers);
      long high = input.range().high().value(numbers);
      return random.nextLong(low, high + 1);
    }
    double value = random.nextDouble(-1, 1);
    return input.type().element() == float.class ? (float) value : value;
  }

  private Map<String, Long> numbers(Setting setting) {
    return Sizes.bind(described, setting.params(), setting.inputs());
  }

  private DescribedTensor outputNamed(String key) {
    return describedOutputs.stream()
        .filter(t -> t.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id() + " returns no " + key));
  }
}
