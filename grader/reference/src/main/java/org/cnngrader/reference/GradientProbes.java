package org.cnngrader.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.compare.SumErrorBound;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.runner.Backprop;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * The centred-difference check of a described layer's stored gradients against its stored forward.
 * A described layer's references come from a script, not from Java, so nothing here can run its
 * forward; the script stores, beside {@code layer.json}, what the forward gives with single input
 * elements moved ({@value #FILE}): for each case, a few elements of each input that has a gradient,
 * each moved by +step and -step, and the objective the gradients are of (the sum of the output
 * times the upstream gradient, or the loss) at both points. The centred difference (plus - minus) /
 * (2 step) must then agree with the stored gradient at that element, and the two points must lie
 * around the case's own objective, computed here from the stored output and upstream gradient.
 *
 * <p>A gradient written by hand (a NumPy reference computes its own) that is wrong, laid out in
 * another order, or paired with the wrong input fails here, as does a probes file left from other
 * inputs.
 */
final class GradientProbes {

  /** The probes' file, in a described layer's folder. */
  static final String FILE = "gradient-probes.json";

  /**
   * The centred difference's share of error, relative to the gradient's largest element: its
   * truncation error is step² / 6 times the third derivative, about 1e-12 of the gradient for the
   * script's step of 1e-6 (of an element's magnitude, at least 1) and a forward of smooth sums,
   * products and exponentials. Measured on the repository's described layers, the worst is 1.7e-8
   * (a convolution's dx); a wrong element, a transposed layout or another input's gradient is off
   * by the gradient's own size.
   */
  static final double RELATIVE = 1e-6;

  /**
   * The rounding of the two objectives, divided by the step: each is a sum whose terms' magnitudes
   * add up to about the sum of |output × upstream| (or the loss), and which no forward here
   * computes with more than this many roundings in a row.
   */
  private static final int ROUNDINGS = 1000;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One stored probe: the gradient, the element, the step and the objective at both points. */
  record Probe(String gradient, List<Integer> index, double step, double plus, double minus) {

    int[] at() {
      return index.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  private final Path file;
  private final Map<String, List<Probe>> byCase;
  private final List<String> problems;

  private GradientProbes(Path file, Map<String, List<Probe>> byCase, List<String> problems) {
    this.file = file;
    this.byCase = byCase;
    this.problems = problems;
  }

  /** The probes in a layer's folder, or none when it has no {@value #FILE}. */
  static Optional<GradientProbes> in(Path layerFolder) {
    Path file = layerFolder.resolve(FILE);
    JsonNode root;
    try {
      root = MAPPER.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.of(
          refused(
              file, file + ": not JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")));
    } catch (IOException e) {
      return Optional.of(refused(file, file + ": cannot be read: " + e.getMessage()));
    }
    if (root == null || !root.path("cases").isObject()) {
      return Optional.of(refused(file, file + ": cases: must be an object of case name -> probes"));
    }
    Map<String, List<Probe>> byCase = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : root.get("cases").properties()) {
      String field = "cases." + entry.getKey();
      if (!entry.getValue().isArray()) {
        problems.add(file + ": " + field + ": must be a list of probes");
        continue;
      }
      List<Probe> probes = new ArrayList<>();
      for (int i = 0; i < entry.getValue().size(); i++) {
        probe(entry.getValue().get(i), field + "[" + i + "]", file, problems)
            .ifPresent(probes::add);
      }
      byCase.put(entry.getKey(), probes);
    }
    return Optional.of(new GradientProbes(file, byCase, problems));
  }

  private static GradientProbes refused(Path file, String problem) {
    return new GradientProbes(file, Map.of(), List.of(problem));
  }

  private static Optional<Probe> probe(JsonNode node, String field, Path file, List<String> out) {
    if (node == null || !node.isObject()) {
      out.add(file + ": " + field + ": must be an object");
      return Optional.empty();
    }
    List<String> wrong = new ArrayList<>();
    if (!node.path("gradient").isTextual()) {
      wrong.add(field + ".gradient: must be the name of a gradient");
    }
    JsonNode index = node.path("index");
    if (!index.isArray() || !allInts(index)) {
      wrong.add(field + ".index: must be a list of integers");
    }
    for (String number : List.of("step", "plus", "minus")) {
      if (!node.path(number).isNumber() || !Double.isFinite(node.path(number).asDouble())) {
        wrong.add(field + "." + number + ": must be a finite number");
      }
    }
    if (wrong.isEmpty() && !(node.get("step").asDouble() > 0)) {
      wrong.add(field + ".step: must be above 0");
    }
    if (!wrong.isEmpty()) {
      wrong.forEach(w -> out.add(file + ": " + w));
      return Optional.empty();
    }
    List<Integer> at = new ArrayList<>();
    index.forEach(k -> at.add(k.asInt()));
    return Optional.of(
        new Probe(
            node.get("gradient").asText(),
            List.copyOf(at),
            node.get("step").asDouble(),
            node.get("plus").asDouble(),
            node.get("minus").asDouble()));
  }

  private static boolean allInts(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.canConvertToInt() || !element.isIntegralNumber()) {
        return false;
      }
    }
    return true;
  }

  /** What checking one case's stored gradients against its probes found. */
  record Outcome(List<String> problems, int probes, double maxRatio) {}

  /**
   * Checks the stored gradients of {@code fixture}, read from {@code fixtureFile}, against its
   * probes: each problem names the file and field.
   */
  Outcome check(Fixture fixture, Path fixtureFile) {
    List<String> found = new ArrayList<>(problems);
    Backprop backprop = fixture.layer().contract().backprop();
    List<Probe> probes = byCase.get(fixture.name());
    if (probes == null) {
      found.add(
          file
              + ": cases."
              + fixture.name()
              + ": missing: the probes are older than this case; run pytorch_fixtures.py on the"
              + " layer's folder again");
      return new Outcome(found, 0, 0);
    }
    Objective objective = Objective.of(fixture, backprop);
    double maxRatio = 0;
    for (int i = 0; i < probes.size(); i++) {
      Probe probe = probes.get(i);
      String field = "cases." + fixture.name() + "[" + i + "]";
      if (!backprop.inputOf().containsKey(probe.gradient())) {
        found.add(
            file
                + ": "
                + field
                + ".gradient: \""
                + probe.gradient()
                + "\" is not a gradient of "
                + fixture.layer().id()
                + " (its gradients: "
                + String.join(", ", backprop.gradients())
                + ")");
        continue;
      }
      Tensor gradient = fixture.expected(probe.gradient());
      Optional<Integer> flat = flatIndex(gradient.shape(), probe.at());
      if (flat.isEmpty()) {
        found.add(
            file
                + ": "
                + field
                + ".index: "
                + Shape.format(probe.at())
                + " is not an element of "
                + probe.gradient()
                + ", whose shape is "
                + gradient.shape());
        continue;
      }
      double around = (probe.plus() + probe.minus()) / 2;
      if (Math.abs(around - objective.value())
          > Math.abs(probe.plus() - probe.minus()) + RELATIVE * objective.scale()) {
        found.add(
            String.format(
                Locale.ROOT,
                "%s: %s: plus %s and minus %s lie around %s, not around this case's %s %s (%s):"
                    + " the probes are of other inputs; run pytorch_fixtures.py on the layer's"
                    + " folder again",
                file,
                field,
                probe.plus(),
                probe.minus(),
                around,
                objectiveWords(backprop),
                objective.value(),
                fixtureFile));
        continue;
      }
      double stored = gradient.get(flat.get());
      double centred = (probe.plus() - probe.minus()) / (2 * probe.step());
      double allowed =
          RELATIVE * (gradient.largestMagnitude() + Math.abs(stored))
              + ROUNDINGS * SumErrorBound.UNIT_ROUNDOFF * objective.scale() / probe.step();
      double difference = Math.abs(centred - stored);
      // An element whose gradient is exactly 0 (a ReLU's where x < 0) has nothing to err by.
      double ratio = difference == 0 ? 0 : difference / allowed;
      maxRatio = Math.max(maxRatio, ratio);
      if (!(ratio <= 1)) {
        found.add(
            String.format(
                Locale.ROOT,
                "%s: expected.%s%s: stored %s, but the forward's centred difference gives %s"
                    + " ((plus - minus) / (2 step), %s %s): they differ by %.3e, above the %.3e"
                    + " a centred difference can err by; %s is not the gradient of the %s that"
                    + " this case's forward gives",
                fixtureFile,
                probe.gradient(),
                Shape.format(probe.at()),
                stored,
                centred,
                file.getFileName(),
                field,
                difference,
                allowed,
                probe.gradient(),
                objectiveWords(backprop)));
      }
    }
    return new Outcome(found, probes.size(), maxRatio);
  }

  /** "sum of out times dout", or the loss's name. */
  private static String objectiveWords(Backprop backprop) {
    return backprop.hasUpstream()
        ? "sum of " + backprop.output() + " times " + backprop.upstream()
        : backprop.output();
  }

  /**
   * The objective at the case's own inputs, from its stored output and upstream gradient, and the
   * magnitudes it sums: the sum of |output × upstream|, or |loss|.
   */
  private record Objective(double value, double scale) {
    static Objective of(Fixture fixture, Backprop backprop) {
      Tensor output = fixture.expected(backprop.output());
      if (!backprop.hasUpstream()) {
        return new Objective(output.get(0), Math.abs(output.get(0)));
      }
      Tensor upstream = fixture.inputs().get(backprop.upstream());
      double sum = 0;
      double magnitudes = 0;
      for (int i = 0; i < output.size(); i++) {
        sum += output.get(i) * upstream.get(i);
        magnitudes += Math.abs(output.get(i) * upstream.get(i));
      }
      return new Objective(sum, magnitudes);
    }
  }

  private static Optional<Integer> flatIndex(Shape shape, int[] index) {
    if (index.length != shape.rank()) {
      return Optional.empty();
    }
    int flat = 0;
    for (int axis = 0; axis < index.length; axis++) {
      if (index[axis] < 0 || index[axis] >= shape.dim(axis)) {
        return Optional.empty();
      }
      flat = flat * shape.dim(axis) + index[axis];
    }
    return Optional.of(flat);
  }
}
