import cnn.Conv2d;
import cnn.Gradients;
import cnn.MaxPool2d;
import cnn.NormGradients;
import cnn.SpatialBatchNorm;
import cnn.SpatialGroupNorm;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The floor's run of one submission: every case of CASES called directly on the submission's
 * layers, in this plain JVM, as the grader calls them (for batch normalization: T train-mode
 * batches, backward, a test-mode forward, the running statistics): inputs drawn in memory, no JSON,
 * no sandbox, no socket, no comparison. One line per case, the layer first:
 *
 * <pre>
 * conv2d n c h w f hh ww stride pad seed
 * maxpool2d n c h w pool_height pool_width stride seed
 * spatial_batchnorm t n c h w eps momentum seed
 * spatial_groupnorm n c h w groups eps seed
 * </pre>
 *
 * <p>Prints a checksum so that no call can be optimised away, and appends to COSTS the process's CPU
 * time (every thread: the just-in-time compilers' too) spent on each layer's cases, "layer nanos".
 *
 * <p>Usage: java -cp FLOOR:SUBMISSION_CLASSES FloorCases CASES COSTS
 */
public final class FloorCases {

  private FloorCases() {}

  public static void main(String[] args) throws IOException {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Map<String, Long> costs = new LinkedHashMap<>();
    double checksum = 0;
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] f = line.trim().split("\\s+");
      long before = os.getProcessCpuTime();
      checksum += run(f);
      costs.merge(f[0], os.getProcessCpuTime() - before, Long::sum);
    }
    System.out.println(checksum);
    StringBuilder out = new StringBuilder();
    costs.forEach((layer, nanos) -> out.append(layer).append(' ').append(nanos).append('\n'));
    Files.writeString(
        Path.of(args[1]), out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static double run(String[] f) {
    return switch (f[0]) {
      case "conv2d" -> conv(f);
      case "maxpool2d" -> pool(f);
      case "spatial_batchnorm" -> batchNorm(f);
      case "spatial_groupnorm" -> groupNorm(f);
      default -> throw new IllegalArgumentException("unknown layer " + f[0]);
    };
  }

  private static double conv(String[] f) {
    int n = Integer.parseInt(f[1]);
    int c = Integer.parseInt(f[2]);
    int h = Integer.parseInt(f[3]);
    int w = Integer.parseInt(f[4]);
    int filters = Integer.parseInt(f[5]);
    int hh = Integer.parseInt(f[6]);
    int ww = Integer.parseInt(f[7]);
    int stride = Integer.parseInt(f[8]);
    int pad = Integer.parseInt(f[9]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(f[10]));
    int ho = (h - hh + 2 * pad) / stride + 1;
    int wo = (w - ww + 2 * pad) / stride + 1;
    double[][][][] x = tensor(random, n, c, h, w);
    double[][][][] weights = tensor(random, filters, c, hh, ww);
    double[] b = vector(random, filters);
    double[][][][] dout = tensor(random, n, filters, ho, wo);
    Conv2d layer = new Conv2d(stride, pad);
    double[][][][] out = layer.forward(x, weights, b);
    Gradients gradients = layer.backward(dout);
    return out[0][0][0][0]
        + gradients.dx()[0][0][0][0]
        + gradients.dw()[0][0][0][0]
        + gradients.db()[0];
  }

  private static double pool(String[] f) {
    int n = Integer.parseInt(f[1]);
    int c = Integer.parseInt(f[2]);
    int h = Integer.parseInt(f[3]);
    int w = Integer.parseInt(f[4]);
    int ph = Integer.parseInt(f[5]);
    int pw = Integer.parseInt(f[6]);
    int stride = Integer.parseInt(f[7]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(f[8]));
    double[][][][] x = tensor(random, n, c, h, w);
    double[][][][] dout = tensor(random, n, c, (h - ph) / stride + 1, (w - pw) / stride + 1);
    MaxPool2d layer = new MaxPool2d(ph, pw, stride);
    double[][][][] out = layer.forward(x);
    return out[0][0][0][0] + layer.backward(dout)[0][0][0][0];
  }

  private static double batchNorm(String[] f) {
    int t = Integer.parseInt(f[1]);
    int n = Integer.parseInt(f[2]);
    int c = Integer.parseInt(f[3]);
    int h = Integer.parseInt(f[4]);
    int w = Integer.parseInt(f[5]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(f[8]));
    SpatialBatchNorm layer =
        new SpatialBatchNorm(c, Double.parseDouble(f[6]), Double.parseDouble(f[7]));
    double[] gamma = vector(random, c);
    double[] beta = vector(random, c);
    double sum = 0;
    for (int i = 0; i < t; i++) {
      sum += layer.forward(tensor(random, n, c, h, w), gamma, beta, true)[0][0][0][0];
    }
    NormGradients gradients = layer.backward(tensor(random, n, c, h, w));
    sum += layer.forward(tensor(random, n, c, h, w), gamma, beta, false)[0][0][0][0];
    return sum
        + gradients.dx()[0][0][0][0]
        + gradients.dgamma()[0]
        + gradients.dbeta()[0]
        + layer.runningMean()[0]
        + layer.runningVar()[0];
  }

  private static double groupNorm(String[] f) {
    int n = Integer.parseInt(f[1]);
    int c = Integer.parseInt(f[2]);
    int h = Integer.parseInt(f[3]);
    int w = Integer.parseInt(f[4]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(f[7]));
    SpatialGroupNorm layer =
        new SpatialGroupNorm(Integer.parseInt(f[5]), Double.parseDouble(f[6]));
    double[][][][] out =
        layer.forward(tensor(random, n, c, h, w), vector(random, c), vector(random, c));
    NormGradients gradients = layer.backward(tensor(random, n, c, h, w));
    return out[0][0][0][0]
        + gradients.dx()[0][0][0][0]
        + gradients.dgamma()[0]
        + gradients.dbeta()[0];
  }

  private static double[] vector(SplittableRandom random, int n) {
    return tensor(random, 1, 1, 1, n)[0][0][0];
  }

  private static double[][][][] tensor(SplittableRandom random, int a, int b, int c, int d) {
    double[][][][] t = new double[a][b][c][d];
    for (double[][][] i : t) {
      for (double[][] j : i) {
        for (double[] k : j) {
          for (int l = 0; l < d; l++) {
            k[l] = random.nextDouble(-1, 1);
          }
        }
      }
    }
    return t;
  }
}
