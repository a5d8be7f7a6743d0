package org.cnngrader.layers.described;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Layer descriptions for tests, written into a fixtures root. */
public final class Descriptions {

  static final ObjectMapper MAPPER = new ObjectMapper();

  /** The affine layer of the format's documentation, word for word. */
  public static final String AFFINE =
      """
      {
        "id": "affine",
        "class": "cnn.Affine",
        "summary": "CS231n's affine_forward and affine_backward: out = x w + b, each of the N rows of x times w, plus b.",
        "params": [],
        "inputs": [
          {"key": "x", "type": "double", "dims": ["N", "D"], "words": "N rows of D features"},
          {"key": "w", "type": "double", "dims": ["D", "M"], "words": "the weights, D by M"},
          {"key": "b", "type": "double", "dims": ["M"], "words": "one bias per output"},
          {"key": "dout", "type": "double", "dims": ["N", "M"], "words": "the upstream gradient"}
        ],
        "outputs": [
          {"key": "out", "type": "double", "dims": ["N", "M"]},
          {"key": "dx", "type": "double", "dims": ["N", "D"], "words": "the shape of x"},
          {"key": "dw", "type": "double", "dims": ["D", "M"], "words": "the shape of w"},
          {"key": "db", "type": "double", "dims": ["M"], "words": "the shape of b"}
        ],
        "constructor": [],
        "steps": [
          {"key": "forward", "method": "forward",
           "args": [{"name": "x", "input": "x"}, {"name": "w", "input": "w"}, {"name": "b", "input": "b"}],
           "returns": "out",
           "doc": "out[N][M] = x[N][D] w[D][M] + b[M]"},
          {"key": "backward", "method": "backward",
           "args": [{"name": "dout", "input": "dout"}],
           "returns": {"record": "AffineGradients",
                       "components": [{"name": "dx", "output": "dx"}, {"name": "dw", "output": "dw"}, {"name": "db", "output": "db"}]},
           "after": ["forward"],
           "doc": "the gradients of the latest forward"}
        ],
        "gradients": {"forward": "forward", "output": "out", "backward": "backward", "upstream": "dout",
                      "of": {"dx": "x", "dw": "w", "db": "b"}},
        "parts": [
          {"key": "forward_shape", "label": "forward shape", "points": 1, "tensor": "out", "shape_only": true},
          {"key": "forward", "label": "forward values", "points": 2, "tensor": "out"},
          {"key": "dx", "label": "backward dx", "points": 2, "tensor": "dx"},
          {"key": "dw", "label": "backward dw", "points": 2, "tensor": "dw"},
          {"key": "db", "label": "backward db", "points": 1, "tensor": "db"}
        ],
        "tolerance": {"relative": 1e-7, "absolute": 1e-12},
        "mistakes": [
          {"key": "db-one-row", "brief": "takes db from one row of dout",
           "sentence": "db is the sum of dout over all N = {N} rows: b is added to every row of out, so every row's gradient reaches b."},
          {"key": "dw-transposed", "brief": "lays dw out as [M][D]",
           "sentence": "dw has the shape of w, [D][M] = [{D}][{M}]: dw = x^T dout.",
           "shapes": {"dw": ["M", "D"]}}
        ],
        "gradient_check": {"params": {}, "sizes": {"N": 2, "D": 3, "M": 2}, "seed": 7}
      }
      """;

  /**
   * An average pool whose output size is an expression of the input's and the parameters, with a
   * mistake that ignores the stride.
   */
  public static final String POOL =
      """
      {
        "id": "avgpool",
        "class": "cnn.AvgPool",
        "summary": "Each window's mean.",
        "params": [
          {"key": "pool", "type": "int", "minimum": 1, "words": "the window's side"},
          {"key": "stride", "type": "int", "minimum": 1, "maximum": 4}
        ],
        "inputs": [
          {"key": "x", "type": "double", "dims": ["N", "C", "H", "W"]}
        ],
        "outputs": [
          {"key": "out", "type": "double",
           "dims": ["N", "C",
                    {"name": "H'", "size": "(H - pool)/stride + 1", "words": "output height"},
                    {"name": "W'", "size": "(W - pool)/stride + 1"}]}
        ],
        "constructor": [{"name": "pool", "param": "pool"}, {"name": "stride", "param": "stride"}],
        "steps": [
          {"key": "forward", "method": "forward", "args": [{"name": "x", "input": "x"}], "returns": "out"}
        ],
        "parts": [
          {"key": "forward_shape", "label": "forward shape", "points": 1, "tensor": "out", "shape_only": true},
          {"key": "forward", "label": "forward values", "points": 2, "tensor": "out"}
        ],
        "tolerance": {"relative": 1e-9},
        "mistakes": [
          {"key": "stride-ignored", "brief": "ignores the stride",
           "sentence": "the window moves stride = {stride} steps: H' = (H - pool)/stride + 1, not H - pool + 1 = {H} - {pool} + 1.",
           "shapes": {"out": ["N", "C", "H - pool + 1", "W - pool + 1"]}}
        ]
      }
      """;

  /**
   * A softmax loss: a scalar output differentiated without an upstream gradient, from scores and
   * class labels in a range.
   */
  public static final String SOFTMAX =
      """
      {
        "id": "softmax_loss",
        "class": "cnn.SoftmaxLoss",
        "summary": "The mean cross-entropy of a softmax over the N rows.",
        "params": [],
        "inputs": [
          {"key": "scores", "type": "double", "dims": ["N", "C"]},
          {"key": "y", "type": "int", "dims": ["N"], "range": ["0", "C - 1"]}
        ],
        "outputs": [
          {"key": "loss", "type": "double", "dims": []},
          {"key": "dscores", "type": "double", "dims": ["N", "C"], "words": "the shape of scores"}
        ],
        "constructor": [],
        "steps": [
          {"key": "forward", "method": "forward",
           "args": [{"name": "scores", "input": "scores"}, {"name": "y", "input": "y"}],
           "returns": "loss"},
          {"key": "backward", "method": "backward", "args": [], "returns": "dscores", "after": ["forward"]}
        ],
        "gradients": {"forward": "forward", "output": "loss", "backward": "backward",
                      "of": {"dscores": "scores"}},
        "parts": [
          {"key": "loss", "label": "loss", "points": 2, "tensor": "loss"},
          {"key": "dscores", "label": "dscores", "points": 2, "tensor": "dscores"}
        ],
        "tolerance": {"relative": 1e-7, "absolute": 1e-12},
        "mistakes": [
          {"key": "no-shift", "brief": "does not subtract the row maximum",
           "sentence": "subtract each row's maximum before exp: exp overflows above 709."}
        ],
        "gradient_check": {"params": {}, "sizes": {"N": 3, "C": 4}, "seed": 5}
      }
      """;

  private Descriptions() {}

  /** Writes {@code text}, edited, as {@code <root>/<its id>/layer.json}; returns the file. */
  public static Path write(Path root, String text, Consumer<ObjectNode> edit) {
    try {
      ObjectNode tree = (ObjectNode) MAPPER.readTree(text);
      String id = tree.get("id").asText();
      edit.accept(tree);
      Path folder = Files.createDirectories(root.resolve(id));
      Path file = folder.resolve(LayerFile.FILE);
      Files.writeString(file, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path root, String text) {
    return write(root, text, tree -> {});
  }

  public static FileLayer read(Path root, String text) {
    return LayerFile.read(write(root, text));
  }
}
