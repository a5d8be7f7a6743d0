package org.cnngrader.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classes that hold static state are loaded afresh for every case; classes that hold none share one
 * loader, which no case can leave anything in.
 */
class StudentClassesTest {

  @TempDir Path submission;

  /** Constants only. */
  static class Stateless {
    static final int KERNEL = 3;
    static final String NAME = "conv";

    Stateless(int stride, int pad) {}

    public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b) {
      return x;
    }

    public StudentLayerTest.Grads backward(double[][][][] dout) {
      return null;
    }
  }

  /** A counter that would carry from one case to the next. */
  static class Counting extends Stateless {
    static int calls;

    Counting(int stride, int pad) {
      super(stride, pad);
    }
  }

  /** Copies the compiled class {@code type} (and what it needs) into the submission folder. */
  private LayerContract contract;

  private StudentClasses classes(Class<?> type, Class<?>... more) throws Exception {
    for (Class<?> each : concat(type, more)) {
      String file = each.getName().replace('.', '/') + ".class";
      Path target = submission.resolve(file);
      Files.createDirectories(target.getParent());
      try (var in = StudentClassesTest.class.getClassLoader().getResourceAsStream(file)) {
        Files.copy(in, target);
      }
    }
    contract = Contracts.conv2d(type);
    return new StudentClasses(submission);
  }

  private static Class<?>[] concat(Class<?> first, Class<?>... more) {
    Class<?>[] all = new Class<?>[more.length + 1];
    all[0] = first;
    System.arraycopy(more, 0, all, 1, more.length);
    return all;
  }

  @Test
  void classesWithoutStaticStateShareOneLoaderAcrossCases() throws Exception {
    StudentClasses classes = classes(Stateless.class, StudentLayerTest.Grads.class);

    try (StudentClasses.Loaded first = classes.load();
        StudentClasses.Loaded second = classes.load()) {
      assertThat(first.layer(contract).problems()).isEmpty();
      assertThat(second.loader()).isSameAs(first.loader());
    }
  }

  @Test
  void aStaticFieldThatIsNoConstantGetsAFreshLoaderEveryCase() throws Exception {
    StudentClasses classes = classes(Counting.class, Stateless.class, StudentLayerTest.Grads.class);

    try (StudentClasses.Loaded first = classes.load();
        StudentClasses.Loaded second = classes.load()) {
      assertThat(first.layer(contract).problems()).isEmpty();
      assertThat(second.loader()).isNotSameAs(first.loader());
    }
  }
}
