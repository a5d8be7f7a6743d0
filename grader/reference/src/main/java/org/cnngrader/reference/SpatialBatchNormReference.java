package org.cnngrader.reference;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.compare.SumErrorBound;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Params;
import org.cnngrader.layers.batchnorm.BatchNormBounds;
import org.cnngrader.layers.batchnorm.BatchNormMistake;
import org.cnngrader.layers.batchnorm.SpatialBatchNormLayer;
import org.cnngrader.layers.norm.NormBounds;
import org.cnngrader.layers.norm.NormFormula;
import org.cnngrader.layers.norm.NormGrouping;
import org.cnngrader.layers.norm.NormStats;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * SpatialBatchNorm's reference: each train batch's mean and biased variance from ND4J's array
 * operations, the normalization applied by ND4J's {@code batchnorm} op (which takes the statistics
 * as given), the running statistics updated after each batch, the gradients of the last batch
 * composed as {@link Nd4jNorm} composes them, and the test-mode forward by the {@code batchnorm} op
 * on the running statistics. Each mistake model is the same history with one thing changed.
 */
final class SpatialBatchNormReference implements LayerReference {

  static final SpatialBatchNormReference INSTANCE = new SpatialBatchNormReference();

  private static final List<String> TRAIN = List.of("out", "dx", "dgamma", "dbeta");
  private static final List<String> ALL =
      List.of("out", "dx", "dgamma", "dbeta", "out_test", "running_mean", "running_var");
  private static final List<String> RUNNING = List.of("out_test", "running_mean", "running_var");

  private SpatialBatchNormReference() {}

  @Override
  public Layer layer() {
    return SpatialBatchNormLayer.LAYER;
  }

  @Override
  public List<String> sizes() {
    return List.of("t", "n", "c", "h", "w");
  }

  @Override
  public Map<String, Shape> inputShapes(Params params, Map<String, Integer> sizes) {
    Shape batch = Shape.of(sizes.get("n"), sizes.get("c"), sizes.get("h"), sizes.get("w"));
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put(
        "x_train",
        Shape.of(sizes.get("t"), sizes.get("n"), sizes.get("c"), sizes.get("h"), sizes.get("w")));
    shapes.put("gamma", Shape.of(batch.dim(1)));
    shapes.put("beta", Shape.of(batch.dim(1)));
    shapes.put("dout", batch);
    shapes.put("x_test", batch);
    return shapes;
  }

  /**
   * What a batch-norm layer does, right or with one mistake: {@code epsInRunningVar} stores var +
   * eps as the batch's variance (the running variance absorbs eps), {@code testWithoutAffine}
   * returns test mode's x_hat without gamma and beta.
   */
  record Model(
      NormFormula formula,
      Function<Shape, NormGrouping> grouping,
      boolean momentumReversed,
      boolean runningUpdated,
      boolean updatedInTest,
      boolean testUsesBatchStatistics,
      boolean epsInRunningVar,
      boolean testWithoutAffine) {

    static final Model RIGHT =
        new Model(
            NormFormula.STANDARD,
            NormGrouping::perChannel,
            false,
            true,
            false,
            false,
            false,
            false);

    Model with(NormFormula formula) {
      return new Model(
          formula,
          grouping,
          momentumReversed,
          runningUpdated,
          updatedInTest,
          testUsesBatchStatistics,
          epsInRunningVar,
          testWithoutAffine);
    }

    Model with(Function<Shape, NormGrouping> grouping) {
      return new Model(
          formula,
          grouping,
          momentumReversed,
          runningUpdated,
          updatedInTest,
          testUsesBatchStatistics,
          epsInRunningVar,
          testWithoutAffine);
    }

    /** The same layer with one of its flags set: the mistake that flag stands for. */
    static Model right(BatchNormMistake mistake) {
      return new Model(
          NormFormula.STANDARD,
          NormGrouping::perChannel,
          mistake == BatchNormMistake.MOMENTUM_REVERSED,
          mistake != BatchNormMistake.RUNNING_NOT_UPDATED,
          mistake == BatchNormMistake.UPDATED_IN_TEST_MODE,
          mistake == BatchNormMistake.TEST_USES_BATCH_STATISTICS,
          mistake == BatchNormMistake.EPS_IN_RUNNING_VARIANCE,
          mistake == BatchNormMistake.TEST_WITHOUT_GAMMA_BETA);
    }
  }

  /** The tensors of a history run by {@code model}. */
  static Map<String, Tensor> run(Model model, Params params, Map<String, Tensor> inputs) {
    double eps = params.real("eps");
    double momentum = params.real("momentum");
    double keep = model.momentumReversed() ? 1 - momentum : momentum;
    Tensor xTrain = inputs.get("x_train");
    Tensor gamma = inputs.get("gamma");
    Tensor beta = inputs.get("beta");
    Shape batch = SpatialBatchNormLayer.batchShape(xTrain.shape());
    int channels = batch.dim(1);
    double[] mean = new double[channels];
    double[] var = new double[channels];
    Nd4jNorm last = null;
    Tensor out = null;
    for (int t = 0; t < xTrain.shape().dim(0); t++) {
      Tensor x = SpatialBatchNormLayer.batch(xTrain, t);
      last = new Nd4jNorm(model.grouping().apply(batch), model.formula(), x, gamma, beta, eps);
      Nd4jNorm perChannel =
          new Nd4jNorm(NormGrouping.perChannel(batch), model.formula(), x, gamma, beta, eps);
      if (model.runningUpdated()) {
        update(mean, var, perChannel, keep, model.epsInRunningVar() ? eps : 0);
      }
      out =
          model.formula().equals(NormFormula.STANDARD)
                  && model.grouping().apply(batch).equals(NormGrouping.perChannel(batch))
              ? Nd4jBatchNorm.apply(x, perChannel.mean(), perChannel.variance(), gamma, beta, eps)
              : last.out();
    }
    Tensor dout = inputs.get("dout");
    Tensor xTest = inputs.get("x_test");
    Nd4jNorm test =
        new Nd4jNorm(
            NormGrouping.perChannel(xTest.shape()), model.formula(), xTest, gamma, beta, eps);
    Tensor outTest =
        model.testUsesBatchStatistics()
            ? test.out()
            : Nd4jBatchNorm.withRunning(
                model.formula(),
                xTest,
                perChannel(mean),
                perChannel(var),
                model.testWithoutAffine() ? filled(gamma.shape(), 1) : gamma,
                model.testWithoutAffine() ? filled(beta.shape(), 0) : beta,
                eps);
    if (model.updatedInTest()) {
      update(mean, var, test, keep, 0);
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("out", out);
    tensors.put("dx", last.dx(dout));
    tensors.put("dgamma", last.dgamma(dout));
    tensors.put("dbeta", last.dbeta(dout));
    tensors.put("out_test", outTest);
    tensors.put("running_mean", perChannel(mean));
    tensors.put("running_var", perChannel(var));
    return tensors;
  }

  /**
   * One update of the running statistics, the batch's variance taken as var + {@code addedToVar}.
   */
  private static void update(
      double[] mean, double[] var, Nd4jNorm batch, double keep, double addedToVar) {
    Tensor batchMean = batch.mean();
    Tensor batchVar = batch.variance();
    for (int c = 0; c < mean.length; c++) {
      mean[c] = keep * mean[c] + (1 - keep) * batchMean.get(c);
      var[c] = keep * var[c] + (1 - keep) * (batchVar.get(c) + addedToVar);
    }
  }

  private static Tensor filled(Shape shape, double value) {
    double[] values = new double[shape.size()];
    Arrays.fill(values, value);
    return new Tensor(shape, values);
  }

  private static Tensor perChannel(double[] values) {
    return new Tensor(Shape.of(values.length), values.clone());
  }

  @Override
  public Map<String, Tensor> expected(Params params, Map<String, Tensor> inputs) {
    return run(Model.RIGHT, params, inputs);
  }

  private static Map<BatchNormMistake, Model> models(Shape xTrain) {
    Shape batch = SpatialBatchNormLayer.batchShape(xTrain);
    Map<BatchNormMistake, Model> models = new LinkedHashMap<>();
    Model right = Model.RIGHT;
    if (NormGrouping.perChannel(batch).groupSize() > 1) {
      models.put(
          BatchNormMistake.UNBIASED_VARIANCE,
          right.with(BatchNormMistake.UNBIASED_VARIANCE.formula().orElseThrow()));
    }
    models.put(
        BatchNormMistake.EPS_OUTSIDE_SQRT,
        right.with(BatchNormMistake.EPS_OUTSIDE_SQRT.formula().orElseThrow()));
    for (BatchNormMistake flag :
        List.of(
            BatchNormMistake.MOMENTUM_REVERSED,
            BatchNormMistake.RUNNING_NOT_UPDATED,
            BatchNormMistake.UPDATED_IN_TEST_MODE,
            BatchNormMistake.TEST_USES_BATCH_STATISTICS,
            BatchNormMistake.EPS_IN_RUNNING_VARIANCE,
            BatchNormMistake.TEST_WITHOUT_GAMMA_BETA)) {
      models.put(flag, Model.right(flag));
    }
    models.put(BatchNormMistake.PER_SAMPLE, right.with(NormGrouping::perSample));
    if (batch.dim(2) * batch.dim(3) > 1 && batch.dim(0) > 1) {
      models.put(BatchNormMistake.OVER_N_ONLY, right.with(NormGrouping::perPosition));
    }
    models.put(
        BatchNormMistake.MEAN_BY_INTEGER_DIVISION,
        right.with(BatchNormMistake.MEAN_BY_INTEGER_DIVISION.formula().orElseThrow()));
    return models;
  }

  /** Which of a model's tensors its mistake accounts for. */
  private static List<String> tensorsOf(BatchNormMistake mistake) {
    return switch (mistake) {
      case UNBIASED_VARIANCE, EPS_OUTSIDE_SQRT -> ALL;
      case MOMENTUM_REVERSED, RUNNING_NOT_UPDATED -> RUNNING;
      case UPDATED_IN_TEST_MODE -> List.of("running_mean", "running_var");
      case TEST_USES_BATCH_STATISTICS, TEST_WITHOUT_GAMMA_BETA -> List.of("out_test");
      case EPS_IN_RUNNING_VARIANCE -> List.of("running_var", "out_test");
      // dx left out: a backward on a mean of 0 depends on how it is staged.
      case MEAN_BY_INTEGER_DIVISION ->
          List.of("out", "dgamma", "out_test", "running_mean", "running_var");
      case PER_SAMPLE, OVER_N_ONLY -> TRAIN;
      case LAST_SAMPLE_ONLY -> List.of("dgamma", "dbeta");
      case DX_WITHOUT_STATISTICS -> List.of("dx");
    };
  }

  @Override
  public Map<KnownMistake, Map<String, Tensor>> mistakes(
      Params params, Map<String, Tensor> inputs) {
    Map<KnownMistake, Map<String, Tensor>> all = new LinkedHashMap<>();
    models(inputs.get("x_train").shape())
        .forEach(
            (mistake, model) ->
                all.put(mistake, only(run(model, params, inputs), tensorsOf(mistake))));
    Tensor xTrain = inputs.get("x_train");
    Shape batch = SpatialBatchNormLayer.batchShape(xTrain.shape());
    Tensor x = SpatialBatchNormLayer.batch(xTrain, xTrain.shape().dim(0) - 1);
    Nd4jNorm right =
        new Nd4jNorm(
            NormGrouping.perChannel(batch),
            NormFormula.STANDARD,
            x,
            inputs.get("gamma"),
            inputs.get("beta"),
            params.real("eps"));
    Tensor dout = inputs.get("dout");
    if (batch.dim(0) > 1) {
      Map<String, Tensor> last = new LinkedHashMap<>();
      last.put("dgamma", right.dgammaOfLastSample(dout));
      last.put("dbeta", right.dbetaOfLastSample(dout));
      all.put(BatchNormMistake.LAST_SAMPLE_ONLY, last);
    }
    all.put(BatchNormMistake.DX_WITHOUT_STATISTICS, Map.of("dx", right.dxThroughXHatOnly(dout)));
    return all;
  }

  private static Map<String, Tensor> only(Map<String, Tensor> tensors, List<String> keys) {
    Map<String, Tensor> kept = new LinkedHashMap<>();
    for (String key : keys) {
      kept.put(key, tensors.get(key));
    }
    return kept;
  }

  /**
   * The bounds of the same tensors: {@link BatchNormBounds} with the mistake's formula or momentum;
   * a grouping mistake's by {@link NormBounds} on its grouping; structural changes to the running
   * statistics by twice the right history's (one more update at most, or none), and a test forward
   * on statistics that stayed 0 by eight roundings of each value (it is elementwise).
   */
  @Override
  public Map<KnownMistake, Map<String, Tensor>> mistakeBounds(
      Params params, Map<String, Tensor> inputs) {
    double eps = params.real("eps");
    double momentum = params.real("momentum");
    Tensor xTrain = inputs.get("x_train");
    Shape batch = SpatialBatchNormLayer.batchShape(xTrain.shape());
    Map<KnownMistake, Map<String, Tensor>> all = new LinkedHashMap<>();
    Map<String, Tensor> right =
        boundsOf(bounds(NormFormula.STANDARD, inputs, eps, momentum), inputs);
    for (Map.Entry<BatchNormMistake, Model> entry : models(xTrain.shape()).entrySet()) {
      BatchNormMistake mistake = entry.getKey();
      Model model = entry.getValue();
      Map<String, Tensor> bounds =
          switch (mistake) {
            case UNBIASED_VARIANCE, EPS_OUTSIDE_SQRT ->
                boundsOf(bounds(model.formula(), inputs, eps, momentum), inputs);
            case MOMENTUM_REVERSED ->
                boundsOf(bounds(NormFormula.STANDARD, inputs, eps, 1 - momentum), inputs);
            case RUNNING_NOT_UPDATED -> notUpdated(run(model, params, inputs), right);
            case UPDATED_IN_TEST_MODE,
                TEST_USES_BATCH_STATISTICS,
                EPS_IN_RUNNING_VARIANCE,
                TEST_WITHOUT_GAMMA_BETA ->
                doubled(right);
            case MEAN_BY_INTEGER_DIVISION ->
                boundsOf(bounds(model.formula(), inputs, eps, momentum), inputs);
            case PER_SAMPLE, OVER_N_ONLY -> grouped(model.grouping().apply(batch), inputs, eps);
            default -> right;
          };
      all.put(mistake, only(bounds, tensorsOf(mistake)));
    }
    if (batch.dim(0) > 1) {
      all.put(BatchNormMistake.LAST_SAMPLE_ONLY, only(right, List.of("dgamma", "dbeta")));
    }
    all.put(BatchNormMistake.DX_WITHOUT_STATISTICS, only(right, List.of("dx")));
    return all;
  }

  private static LayerBounds bounds(
      NormFormula formula, Map<String, Tensor> inputs, double eps, double momentum) {
    return new BatchNormBounds(
        formula,
        inputs.get("x_train"),
        inputs.get("gamma"),
        inputs.get("beta"),
        inputs.get("dout"),
        inputs.get("x_test"),
        eps,
        momentum);
  }

  private static Map<String, Tensor> boundsOf(LayerBounds bounds, Map<String, Tensor> inputs) {
    Shape batch = SpatialBatchNormLayer.batchShape(inputs.get("x_train").shape());
    Shape perChannel = Shape.of(batch.dim(1));
    Map<String, Tensor> all = new LinkedHashMap<>();
    for (String tensor : ALL) {
      Shape shape =
          switch (tensor) {
            case "out", "dx" -> batch;
            case "out_test" -> inputs.get("x_test").shape();
            default -> perChannel;
          };
      all.put(tensor, bounds.of(tensor).all(shape));
    }
    return all;
  }

  private static Map<String, Tensor> doubled(Map<String, Tensor> bounds) {
    Map<String, Tensor> doubled = new LinkedHashMap<>();
    bounds.forEach((key, tensor) -> doubled.put(key, scaled(tensor, 2)));
    return doubled;
  }

  private static Map<String, Tensor> notUpdated(
      Map<String, Tensor> values, Map<String, Tensor> right) {
    Map<String, Tensor> bounds = new LinkedHashMap<>(right);
    Tensor outTest = values.get("out_test");
    double[] elementwise = new double[outTest.size()];
    for (int i = 0; i < elementwise.length; i++) {
      elementwise[i] =
          NormBounds.FACTOR * 8 * SumErrorBound.UNIT_ROUNDOFF * Math.abs(outTest.get(i));
    }
    bounds.put("out_test", new Tensor(outTest.shape(), elementwise));
    Shape perChannel = values.get("running_mean").shape();
    bounds.put("running_mean", new Tensor(perChannel, new double[perChannel.size()]));
    bounds.put("running_var", new Tensor(perChannel, new double[perChannel.size()]));
    return bounds;
  }

  private static Map<String, Tensor> grouped(
      NormGrouping grouping, Map<String, Tensor> inputs, double eps) {
    Tensor xTrain = inputs.get("x_train");
    Shape batch = SpatialBatchNormLayer.batchShape(xTrain.shape());
    Tensor x = SpatialBatchNormLayer.batch(xTrain, xTrain.shape().dim(0) - 1);
    NormBounds bounds =
        new NormBounds(
            NormStats.of(grouping, x, eps),
            x,
            inputs.get("gamma"),
            inputs.get("beta"),
            inputs.get("dout"));
    Map<String, Tensor> all = new LinkedHashMap<>();
    all.put("out", bounds.of("out").all(batch));
    all.put("dx", bounds.of("dx").all(batch));
    all.put("dgamma", bounds.of("dgamma").all(Shape.of(batch.dim(1))));
    all.put("dbeta", bounds.of("dbeta").all(Shape.of(batch.dim(1))));
    return all;
  }

  private static Tensor scaled(Tensor tensor, double factor) {
    double[] values = new double[tensor.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = tensor.get(i) * factor;
    }
    return new Tensor(tensor.shape(), values);
  }

  /** Sizes drawn small; one to three train batches; inputs like CS231n's, 5 * randn + 12. */
  @Override
  public CaseSpec drawSpec(String name, SplittableRandom random) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("t", random.nextInt(1, 4));
    sizes.put("n", random.nextInt(2, 5));
    sizes.put("c", random.nextInt(1, 5));
    sizes.put("h", random.nextInt(1, 5));
    sizes.put("w", random.nextInt(2, 5));
    return new CaseSpec(
        layer(),
        name,
        Visibility.HIDDEN,
        "Drawn at grading time",
        SpatialBatchNormLayer.params(1e-5, 0.9),
        sizes,
        random.nextLong(),
        Map.of(
            "x_train", CaseSpec.Fill.parse("normal 12 5"),
            "gamma", CaseSpec.Fill.parse("normal 1 0.5"),
            "beta", CaseSpec.Fill.parse("normal 0 1"),
            "dout", CaseSpec.Fill.parse("normal 0 1"),
            "x_test", CaseSpec.Fill.parse("normal 12 5")));
  }
}
