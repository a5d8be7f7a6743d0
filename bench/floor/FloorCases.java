import cnn.Conv2d;
import cnn.Gradients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The floor's run of one submission: every case of CASES (one line each: n c h w f hh ww stride
 * pad seed) called directly on the submission's Conv2d, in this plain JVM: inputs drawn in memory,
 * no JSON, no sandbox, no socket, no comparison. Prints a checksum so that no call can be optimised
 * away.
 *
 * <p>Usage: java -cp FLOOR:SUBMISSION_CLASSES FloorCases CASES
 */
public final class FloorCases {

  private FloorCases() {}

  public static void main(String[] args) throws IOException {
    double checksum = 0;
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] f = line.trim().split("\\s+");
      int n = Integer.parseInt(f[0]);
      int c = Integer.parseInt(f[1]);
      int h = Integer.parseInt(f[2]);
      int w = Integer.parseInt(f[3]);
      int filters = Integer.parseInt(f[4]);
      int hh = Integer.parseInt(f[5]);
      int ww = Integer.parseInt(f[6]);
      int stride = Integer.parseInt(f[7]);
      int pad = Integer.parseInt(f[8]);
      SplittableRandom random = new SplittableRandom(Long.parseLong(f[9]));
      int ho = (h - hh + 2 * pad) / stride + 1;
      int wo = (w - ww + 2 * pad) / stride + 1;
      double[][][][] x = tensor(random, n, c, h, w);
      double[][][][] weights = tensor(random, filters, c, hh, ww);
      double[] b = tensor(random, 1, 1, 1, filters)[0][0][0];
      double[][][][] dout = tensor(random, n, filters, ho, wo);
      Conv2d layer = new Conv2d(stride, pad);
      double[][][][] out = layer.forward(x, weights, b);
      Gradients gradients = layer.backward(dout);
      checksum += out[0][0][0][0] + gradients.dx()[0][0][0][0] + gradients.dw()[0][0][0][0]
          + gradients.db()[0];
    }
    System.out.println(checksum);
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
