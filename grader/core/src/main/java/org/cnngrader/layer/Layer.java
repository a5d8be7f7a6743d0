package org.cnngrader.layer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.runner.Backprop;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;
import org.cnngrader.runner.ValueType;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * A layer of the assignment, described once: the student's contract, the case's parameters and
 * tensors, the graded parts, the output-size geometry and its wording in the lesson's terms, the
 * known mistakes, the rounding bounds and the small case of the gradient check. Everything else
 * (the child's binding, fixtures, grading, diagnosis, feedback and reports) is driven by it.
 */
public interface Layer {

  /** The id in fixture files, folders and test names: {@code conv2d}. */
  String id();

  /** What the student's class must offer, as the child binds and calls it. */
  LayerContract contract();

  /** The hyper-parameters of a case, in the order fixture files list them. */
  List<ParamSpec> params();

  /** The tensors a case gives the layer, in the order fixture files list them. */
  List<TensorSpec> inputs();

  /** The tensors the layer returns and a fixture expects, in the order fixture files list them. */
  List<TensorSpec> outputs();

  /** The graded parts of a case, in the order results list them. */
  List<Part> parts();

  /**
   * The shape every tensor of the case must have, outputs and inputs alike, given the
   * hyper-parameters and the inputs' shapes.
   *
   * @throws InvalidCase when the inputs do not fit together or the parameters do not fit them
   */
  Map<String, Shape> shapes(Params params, Map<String, Shape> inputs);

  /** The rounding bounds of the layer's results on these inputs. */
  LayerBounds bounds(Params params, Map<String, Tensor> inputs);

  /**
   * The tolerance a description of the layer states. A described layer grades with it; a built-in
   * one states the tolerance that a described copy of it grades alike with, its rounding bounds
   * aside. By default CS231n's relative error threshold alone.
   */
  default LayerTolerance tolerance() {
    return LayerTolerance.CS231N;
  }

  /**
   * Checks what the shapes cannot: that the inputs' values fit the layer (class labels within their
   * range). Nothing, unless the layer says otherwise.
   *
   * @throws InvalidCase naming the input and the element that does not fit
   */
  default void checkValues(Params params, Map<String, Tensor> inputs) {}

  /** The mistakes the grader recognizes, in the order fixture files list them. */
  List<KnownMistake> mistakes();

  /**
   * The wrong shapes of {@code tensor} that known mistakes give in this case; only shapes that
   * differ from the right one.
   */
  List<ShapeCandidate> shapeMistakes(Setting setting, String tensor);

  /** "out should have shape [N, F, H', W'] = ..., but was ...", derived with the case's numbers. */
  String shouldHaveShape(String tensor, Shape expected, Shape actual, Setting setting);

  /**
   * The mistake in plain words and the lesson's rule with the case's numbers: what follows "Likely
   * mistake: ". {@code wrongShape} is the shape it gave, or null when it explains values.
   */
  String likelyMistake(KnownMistake mistake, String tensor, Shape wrongShape, Setting setting);

  /**
   * The gradient check's case: small enough for centred differences over every input element to
   * take milliseconds, yet with every feature of the layer that a gradient can mishandle.
   */
  SmallCase smallCase();

  /**
   * The small case's parameters and inputs, the same for every submission, and the seed they were
   * drawn from.
   */
  record SmallCase(Params params, Map<String, Tensor> inputs, long seed) {}

  /** The simple name of the student's class: {@code Conv2d}. */
  default String title() {
    return contract().simpleName();
  }

  /**
   * The paragraph that opens the Javadoc of the student's class: what it is, in the lesson's words.
   * By default its title and its methods: "Conv2d: forward and backward, in plain Java."
   */
  default String summary() {
    List<String> methods = contract().steps().stream().map(Step::method).distinct().toList();
    String last = methods.get(methods.size() - 1);
    String listed =
        methods.size() == 1
            ? last
            : String.join(", ", methods.subList(0, methods.size() - 1)) + " and " + last;
    return title() + ": " + listed + ", in plain Java.";
  }

  /**
   * What the step {@code key} does, a sentence for its method's Javadoc. By default the forward or
   * the backward pass, as the contract's backprop names their methods, else the values it gives.
   */
  default String stepDoc(String key) {
    Step step = contract().stepOf(key);
    Backprop backprop = contract().backprop();
    if (backprop != null && step.method().equals(contract().stepOf(backprop.forward()).method())) {
      return "The forward pass.";
    }
    if (backprop != null && step.method().equals(contract().stepOf(backprop.backward()).method())) {
      return "The backward pass.";
    }
    return "Gives "
        + String.join(" and ", step.result().outputs().stream().map(Result.Output::key).toList())
        + ".";
  }

  /**
   * What the parameter {@code key} is and the values it takes, for the Javadoc of the argument that
   * passes it. By default its type and range: "an int, at least 1".
   */
  default String paramWords(String key) {
    ParamSpec param =
        params().stream()
            .filter(p -> p.key().equals(key))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException(id() + " has no parameter " + key));
    String type = param.type() == ValueType.INT ? "an int" : "a " + param.type().javaName();
    if (!param.isNumber() || (!param.hasMinimum() && !param.hasMaximum())) {
      return type;
    }
    if (!param.hasMaximum()) {
      return type + ", at least " + number(param.minimum());
    }
    return param.hasMinimum()
        ? type + ", from " + number(param.minimum()) + " to " + number(param.maximum())
        : type + ", at most " + number(param.maximum());
  }

  private static String number(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /**
   * How the sizes of the outputs that no input has are derived, a line each as the lesson writes
   * it: "H' = (H - HH + 2*pad)/stride + 1", from the outputs' named dimensions.
   */
  default List<String> sizeFormulas() {
    List<String> formulas = new ArrayList<>();
    for (TensorSpec output : outputs()) {
      for (TensorSpec.Dim dim : output.dims()) {
        String formula = dim.name() + " = " + dim.size();
        if (!dim.name().equals(dim.size()) && !formulas.contains(formula)) {
          formulas.add(formula);
        }
      }
    }
    return formulas;
  }

  /** The key of the upstream gradient that backward is given, or null without a backward. */
  default String upstream() {
    Backprop backprop = contract().backprop();
    return backprop == null ? null : backprop.upstream();
  }

  /** The step whose result holds the output {@code tensor}. */
  default Step stepOf(String tensor) {
    for (Step step : contract().steps()) {
      for (Result.Output output : step.result().outputs()) {
        if (output.key().equals(tensor)) {
          return step;
        }
      }
    }
    throw new IllegalArgumentException(id() + " returns no " + tensor);
  }

  default TensorSpec output(String key) {
    return outputs().stream()
        .filter(t -> t.key().equals(key))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(id() + " returns no " + key));
  }

  default Optional<Part> part(String key) {
    return parts().stream().filter(p -> p.key().equals(key)).findFirst();
  }

  default Optional<KnownMistake> mistake(String key) {
    return mistakes().stream().filter(m -> m.key().equals(key)).findFirst();
  }
}
