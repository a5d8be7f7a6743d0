import java.nio.file.Path;
import java.util.Arrays;
import org.cnngrader.bounds.Conv2dBounds;
import org.cnngrader.compare.ElementBounds;
import org.cnngrader.compare.RelativeError;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.tensor.Tensor;

/**
 * What deciding a case's four values parts costs in the grader's JVM, for one fixture, in one run:
 * by relative error alone (the baseline), with the rounding bounds as grading uses them, and with
 * every element's bound worked out (no ceiling); for a correct answer summed in another order and for
 * one wrong everywhere. Prints the median of ROUNDS rounds after as many warm-up rounds.
 * Usage: java -cp ... BoundsCost FIXTURE ROUNDS
 */
public final class BoundsCost {

  private static final String[] TENSORS = {"out", "dx", "dw", "db"};

  public static void main(String[] args) {
    Fixture fixture = FixtureFiles.read(Path.of(args[0]), Visibility.PUBLIC);
    int rounds = Integer.parseInt(args[1]);
    Tensor[] reordered = new Tensor[4];
    Tensor[] wrong = new Tensor[4];
    for (int k = 0; k < 4; k++) {
      Tensor expected = fixture.expected().tensor(TENSORS[k]);
      double[] close = expected.data();
      double[] far = expected.data();
      for (int i = 0; i < close.length; i++) {
        // Another summation order: a few units in the last place away.
        close[i] = close[i] + Math.ulp(close[i]) * ((i % 5) - 2);
        far[i] = far[i] * 1.1 + 1e-3;
      }
      reordered[k] = new Tensor(expected.shape(), close);
      wrong[k] = new Tensor(expected.shape(), far);
    }
    for (Tensor[] answer : new Tensor[][] {reordered, wrong}) {
      String what = answer == reordered ? "correct, another order" : "wrong everywhere";
      double[][] ms = new double[3][rounds];
      for (int round = -rounds; round < rounds; round++) {
        double[] times = {
          time(() -> decide(fixture, answer, null)),
          time(() -> decide(fixture, answer, Conv2dBounds.of(fixture))),
          time(() -> decideEveryBound(fixture, answer))
        };
        if (round >= 0) {
          for (int m = 0; m < 3; m++) {
            ms[m][round] = times[m];
          }
        }
      }
      double alone = median(ms[0]);
      System.out.printf(
          "%-24s relative error alone %7.2f ms | with rounding bounds %7.2f ms (%.2fx) |"
              + " every element's bound %8.2f ms (%.1fx)%n",
          what, alone, median(ms[1]), median(ms[1]) / alone, median(ms[2]), median(ms[2]) / alone);
    }
  }

  private static void decide(Fixture fixture, Tensor[] answer, Conv2dBounds bounds) {
    for (int k = 0; k < 4; k++) {
      Tensor expected = fixture.expected().tensor(TENSORS[k]);
      if (bounds == null) {
        RelativeError.compare(expected, answer[k], fixture.tolerance());
      } else {
        RelativeError.compare(expected, answer[k], fixture.tolerance(), bounds.of(TENSORS[k]));
      }
    }
  }

  private static void decideEveryBound(Fixture fixture, Tensor[] answer) {
    Conv2dBounds bounds = Conv2dBounds.of(fixture);
    for (int k = 0; k < 4; k++) {
      ElementBounds each = bounds.of(TENSORS[k]);
      RelativeError.compare(
          fixture.expected().tensor(TENSORS[k]), answer[k], fixture.tolerance(), each::at);
    }
  }

  private static double time(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
