package org.cnngrader.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cnngrader.TestRepository;
import org.cnngrader.compile.Compilation;
import org.cnngrader.compile.SubmissionCompiler;
import org.cnngrader.layers.conv2d.Conv2dLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What ordinary code compiles to gives no finding: the check must not cry wolf. */
class OrdinaryCodeTest {

  private static final String ORDINARY =
      """
      package cnn;

      import java.io.ByteArrayOutputStream;
      import java.io.PrintStream;
      import java.io.PrintWriter;
      import java.io.StringWriter;
      import java.util.ArrayList;
      import java.util.Arrays;
      import java.util.Comparator;
      import java.util.Formatter;
      import java.util.HashMap;
      import java.util.List;
      import java.util.Map;
      import java.util.Objects;
      import java.util.Optional;
      import java.util.Random;
      import java.util.Scanner;
      import java.util.function.DoubleUnaryOperator;
      import java.util.function.IntBinaryOperator;
      import java.util.stream.Collectors;
      import java.util.stream.IntStream;

      public class Ordinary {
        enum Mode { SAME, VALID }

        record Size(int height, int width) {}

        interface Shape {
          default int area() {
            return 0;
          }
        }

        private static final Map<String, Integer> COUNTS = new HashMap<>();
        private final double[] weights = {1, 2, 3};

        static int oldSwitch(Mode mode) {
          switch (mode) {
            case SAME:
              return 1;
            case VALID:
              return 2;
            default:
              return 0;
          }
        }

        static int arrowSwitch(Mode mode) {
          return switch (mode) {
            case SAME -> 1;
            case VALID -> 2;
          };
        }

        static int stringSwitch(String name) {
          switch (name) {
            case "a":
              return 1;
            case "b":
              return 2;
            default:
              return 0;
          }
        }

        double[] run(double[][] rows) throws Exception {
          assert rows != null : "rows";
          String text = "rows: " + rows.length + ", first " + Arrays.toString(rows[0]);
          System.out.println(text);
          System.err.println(text.length());
          System.out.printf("%d%n", rows.length);
          double[] copy = new double[weights.length];
          System.arraycopy(weights, 0, copy, 0, weights.length);
          double[] cloned = copy.clone();
          double[][] clonedRows = rows.clone();
          long start = System.nanoTime() + System.currentTimeMillis();
          DoubleUnaryOperator square = v -> v * v;
          IntBinaryOperator add = Integer::sum;
          DoubleUnaryOperator abs = Math::abs;
          List<Double> values = new ArrayList<>();
          for (double v : cloned) {
            values.add(square.applyAsDouble(abs.applyAsDouble(v)));
          }
          double total = values.stream().mapToDouble(Double::doubleValue).sum();
          List<String> names =
              IntStream.range(0, 3).mapToObj(String::valueOf).collect(Collectors.toList());
          names.sort(Comparator.naturalOrder());
          Optional<String> first = names.stream().filter(n -> !n.isEmpty()).findFirst();
          StringBuilder builder =
              new StringBuilder().append(getClass().getName()).append(getClass().getSimpleName());
          Mode mode = Mode.valueOf("SAME");
          Mode other = Enum.valueOf(Mode.class, "VALID");
          Size size = new Size(2, 3);
          builder.append(size).append(size.equals(new Size(2, 3))).append(size.hashCode());
          try (PrintWriter writer = new PrintWriter(new StringWriter());
              PrintStream stream = new PrintStream(new ByteArrayOutputStream(), true, "UTF-8");
              Formatter formatter = new Formatter()) {
            writer.print(builder);
            stream.print(first.orElse(""));
            formatter.format("%d", add.applyAsInt(1, 2));
          }
          Scanner scanner = new Scanner("1 2 3");
          int parsed = scanner.nextInt() + Integer.parseInt("4");
          Random random = new Random(42);
          Arrays.fill(copy, random.nextDouble());
          Arrays.sort(copy);
          COUNTS.merge("runs", 1, Integer::sum);
          Objects.requireNonNull(rows, "rows");
          Runnable task =
              new Runnable() {
                @Override
                public void run() {
                  System.out.println(String.format("%s", mode));
                }
              };
          task.run();
          Shape shape = new Shape() {};
          int code =
              oldSwitch(mode) + arrowSwitch(other) + stringSwitch("a") + shape.area() + parsed
                  + clonedRows.length;
          try {
            Object root = Math.sqrt(-1);
            if (root instanceof Double d && d.isNaN()) {
              throw new IllegalStateException("not a number: " + code);
            }
          } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
          }
          return new double[] {total, start > 0 ? 1 : 0, Math.max(total, code)};
        }
      }
      """;

  @Test
  void ordinaryCodeGivesNoFinding(@TempDir Path temp) throws Exception {
    Path classes = JavaSources.compile(temp, Map.of("cnn/Ordinary.java", ORDINARY));

    // The enum, the record, the interface, the anonymous classes and the enum switch's map
    // are classes of their own: make sure all of them were scanned.
    assertThat(classFiles(classes)).isGreaterThanOrEqualTo(7);
    assertThat(StaticScanner.scan(classes)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"correct-loops", "correct-im2col", "correct-compensated"})
  void theCorrectExamplesGiveNoFinding(String example, @TempDir Path temp) throws Exception {
    Compilation compilation =
        new SubmissionCompiler(List.of(Conv2dLayer.LAYER.contract()), Duration.ofSeconds(60))
            .compile(TestRepository.example(example), temp);

    assertThat(compilation).isInstanceOf(Compilation.Compiled.class);
    Path classes = ((Compilation.Compiled) compilation).classes();
    assertThat(classes.resolve("cnn/Conv2d.class")).exists();
    assertThat(StaticScanner.scan(classes)).isEmpty();
  }

  private static long classFiles(Path classes) throws Exception {
    try (Stream<Path> files = Files.walk(classes)) {
      return files.filter(f -> f.toString().endsWith(".class")).count();
    }
  }
}
