package org.cnngrader.reference;

import java.util.Arrays;
import org.cnngrader.tensor.Shape;
import org.cnngrader.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tensors to ND4J's double arrays and back, checking the shape that comes back. */
final class Nd4jArrays {

  static {
    // ND4J computes in FLOAT unless told otherwise, and mixing types fails.
    Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
  }

  private Nd4jArrays() {}

  static INDArray array(Tensor tensor) {
    return Nd4j.create(tensor.data(), toLong(tensor.shape()), DataType.DOUBLE);
  }

  static INDArray zeros(Shape shape) {
    return Nd4j.zeros(DataType.DOUBLE, toLong(shape));
  }

  static Tensor tensor(INDArray array, Shape expected) {
    Shape shape = new Shape(Arrays.stream(array.shape()).mapToInt(Math::toIntExact).toArray());
    if (!shape.equals(expected)) {
      throw new IllegalStateException(
          "ND4J returned shape " + shape + " where " + expected + " was expected");
    }
    return new Tensor(shape, array.dup('c').data().asDouble());
  }

  static long[] toLong(Shape shape) {
    return Arrays.stream(shape.dims()).asLongStream().toArray();
  }
}
