package org.cnngrader.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cnngrader.bounds.LayerBounds;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Params;
import org.cnngrader.layers.groupnorm.GroupNormMistake;
import org.cnngrader.layers.groupnorm.GroupNormModel;
import org.cnngrader.layers.groupnorm.SpatialGroupNormLayer;
import org.cnngrader.layers.norm.NormBounds;
import org.cnngrader.layers.norm.NormFormula;
import org.cnngrader.layers.norm.NormGrouping;
import org.cnngrader.layers.norm.NormStats;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;

/**
 * SpatialGroupNorm's reference: the normalization composed from ND4J's operations ({@link
 * Nd4jNorm}), and its mistake models, each the same composition with another grouping or formula
 * (or one of its gradients' terms left out), bounded by the same analysis.
 */
final class SpatialGroupNormReference implements LayerReference {

  static final SpatialGroupNormReference INSTANCE = new SpatialGroupNormReference();

  private SpatialGroupNormReference() {}

  @Override
  public Layer layer() {
    return SpatialGroupNormLayer.LAYER;
  }

  @Override
  public List<String> sizes() {
    return List.of("n", "c", "h", "w");
  }

  @Override
  public Map<String, Shape> inputShapes(Params params, Map<String, Integer> sizes) {
    Shape x = Shape.of(sizes.get("n"), sizes.get("c"), sizes.get("h"), sizes.get("w"));
    Map<String, Shape> shapes = new LinkedHashMap<>();
    shapes.put("x", x);
    shapes.put("gamma", Shape.of(x.dim(1)));
    shapes.put("beta", Shape.of(x.dim(1)));
    shapes.put("dout", x);
    return shapes;
  }

  private static double eps(Params params) {
    return params.real("eps");
  }

  private static Nd4jNorm norm(
      NormGrouping grouping, NormFormula formula, Params params, Map<String, Tensor> inputs) {
    return new Nd4jNorm(
        grouping, formula, inputs.get("x"), inputs.get("gamma"), inputs.get("beta"), eps(params));
  }

  /** out, dx, dgamma and dbeta of a normalization. */
  private static Map<String, Tensor> all(Nd4jNorm norm, Tensor dout) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    tensors.put("out", norm.out());
    tensors.put("dx", norm.dx(dout));
    tensors.put("dgamma", norm.dgamma(dout));
    tensors.put("dbeta", norm.dbeta(dout));
    return tensors;
  }

  @Override
  public Map<String, Tensor> expected(Params params, Map<String, Tensor> inputs) {
    NormGrouping grouping = SpatialGroupNormLayer.grouping(inputs.get("x").shape(), params);
    return all(norm(grouping, NormFormula.STANDARD, params, inputs), inputs.get("dout"));
  }

  /** The mistakes of the statistics that can change something in this case, by their model. */
  private static Map<GroupNormMistake, GroupNormModel> models(Params params, Shape x) {
    Map<GroupNormMistake, GroupNormModel> models = new LinkedHashMap<>();
    for (GroupNormMistake mistake : GroupNormMistake.values()) {
      GroupNormModel.of(mistake, x, params.integer("groups"))
          .ifPresent(model -> models.put(mistake, model));
    }
    return models;
  }

  @Override
  public Map<KnownMistake, Map<String, Tensor>> mistakes(
      Params params, Map<String, Tensor> inputs) {
    Tensor x = inputs.get("x");
    Tensor dout = inputs.get("dout");
    Map<KnownMistake, Map<String, Tensor>> all = new LinkedHashMap<>();
    models(params, x.shape())
        .forEach(
            (mistake, model) ->
                all.put(
                    mistake, all(norm(model.grouping(), model.formula(), params, inputs), dout)));
    Nd4jNorm right =
        norm(
            SpatialGroupNormLayer.grouping(x.shape(), params),
            NormFormula.STANDARD,
            params,
            inputs);
    if (x.shape().dim(0) > 1) {
      Map<String, Tensor> last = new LinkedHashMap<>();
      last.put("dgamma", right.dgammaOfLastSample(dout));
      last.put("dbeta", right.dbetaOfLastSample(dout));
      all.put(GroupNormMistake.LAST_SAMPLE_ONLY, last);
    }
    all.put(GroupNormMistake.DX_WITHOUT_STATISTICS, Map.of("dx", right.dxThroughXHatOnly(dout)));
    return all;
  }

  /**
   * The bounds of the same tensors, by {@link NormBounds} for each model's grouping and formula; a
   * gradient with a term left out, or summed over fewer values, is bounded by the full one's.
   */
  @Override
  public Map<KnownMistake, Map<String, Tensor>> mistakeBounds(
      Params params, Map<String, Tensor> inputs) {
    Tensor x = inputs.get("x");
    Map<KnownMistake, Map<String, Tensor>> all = new LinkedHashMap<>();
    models(params, x.shape())
        .forEach(
            (mistake, model) ->
                all.put(
                    mistake,
                    boundsOf(
                        bounds(model.grouping(), model.formula(), params, inputs),
                        List.of("out", "dx", "dgamma", "dbeta"),
                        x)));
    LayerBounds right =
        bounds(
            SpatialGroupNormLayer.grouping(x.shape(), params),
            NormFormula.STANDARD,
            params,
            inputs);
    if (x.shape().dim(0) > 1) {
      all.put(GroupNormMistake.LAST_SAMPLE_ONLY, boundsOf(right, List.of("dgamma", "dbeta"), x));
    }
    all.put(GroupNormMistake.DX_WITHOUT_STATISTICS, boundsOf(right, List.of("dx"), x));
    return all;
  }

  private static LayerBounds bounds(
      NormGrouping grouping, NormFormula formula, Params params, Map<String, Tensor> inputs) {
    Tensor x = inputs.get("x");
    return new NormBounds(
        NormStats.of(grouping, formula, x, eps(params)),
        x,
        inputs.get("gamma"),
        inputs.get("beta"),
        inputs.get("dout"));
  }

  private static Map<String, Tensor> boundsOf(LayerBounds bounds, List<String> tensors, Tensor x) {
    Map<String, Tensor> all = new LinkedHashMap<>();
    for (String tensor : tensors) {
      boolean perChannel = tensor.equals("dgamma") || tensor.equals("dbeta");
      Shape shape = perChannel ? Shape.of(x.shape().dim(1)) : x.shape();
      all.put(tensor, bounds.of(tensor).all(shape));
    }
    return all;
  }

  /** Sizes and groups drawn so that G divides C; inputs like CS231n's, 5 * randn + 12. */
  @Override
  public CaseSpec drawSpec(String name, SplittableRandom random) {
    int groups = random.nextInt(1, 4);
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("n", random.nextInt(1, 4));
    sizes.put("c", groups * random.nextInt(1, 4));
    sizes.put("h", random.nextInt(1, 6));
    sizes.put("w", random.nextInt(2, 6));
    return new CaseSpec(
        layer(),
        name,
        Visibility.HIDDEN,
        "Drawn at grading time",
        SpatialGroupNormLayer.params(groups, 1e-5),
        sizes,
        random.nextLong(),
        Map.of(
            "x", CaseSpec.Fill.parse("normal 12 5"),
            "gamma", CaseSpec.Fill.parse("normal 1 0.5"),
            "beta", CaseSpec.Fill.parse("normal 0 1"),
            "dout", CaseSpec.Fill.parse("normal 0 1")));
  }
}
