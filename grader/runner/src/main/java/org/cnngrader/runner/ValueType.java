package org.cnngrader.runner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The Java types a layer's contract passes and returns: scalars for hyper-parameters, modes and
 * losses, nested double or float arrays for tensors, int arrays for class labels. Each knows its
 * wire encoding, so that both sides of the socket read a value by the type the contract gives it:
 * every tensor goes as doubles (exact for floats and ints), cast to its element type in the child.
 */
public enum ValueType {
  INT(int.class, 0),
  LONG(long.class, 0),
  DOUBLE(double.class, 0),
  BOOLEAN(boolean.class, 0),
  TENSOR1(double[].class, 1),
  TENSOR2(double[][].class, 2),
  TENSOR3(double[][][].class, 3),
  TENSOR4(double[][][][].class, 4),
  TENSOR5(double[][][][][].class, 5),
  FLOAT1(float[].class, 1),
  FLOAT2(float[][].class, 2),
  FLOAT3(float[][][].class, 3),
  FLOAT4(float[][][][].class, 4),
  FLOAT5(float[][][][][].class, 5),
  /** Class labels: one int per row. */
  INTS1(int[].class, 1);

  /** The highest rank of a tensor. */
  public static final int MAX_RANK = 5;

  private final Class<?> javaType;
  private final int rank;

  ValueType(Class<?> javaType, int rank) {
    this.javaType = javaType;
    this.rank = rank;
  }

  /** The double tensor type of a rank from 1 to {@link #MAX_RANK}. */
  public static ValueType tensor(int rank) {
    return tensor(double.class, rank);
  }

  /**
   * The tensor type of {@code element}s ({@code double}, {@code float} or {@code int}) and a rank
   * from 1 to {@link #MAX_RANK}.
   */
  public static ValueType tensor(Class<?> element, int rank) {
    for (ValueType type : values()) {
      if (type.rank == rank && rank > 0 && type.element() == element) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "no tensor of " + element + " at rank " + rank + "; tensors have rank 1 to " + MAX_RANK);
  }

  /**
   * The type of one element: the scalar's own type, or the innermost component of an array ({@code
   * double} for {@code double[][]}).
   */
  public Class<?> element() {
    Class<?> type = javaType;
    while (type.isArray()) {
      type = type.getComponentType();
    }
    return type;
  }

  /** The same kind of tensor one rank lower or higher; {@code rank} from 1 to the maximum. */
  public ValueType withRank(int rank) {
    return tensor(element(), rank);
  }

  public Class<?> javaType() {
    return javaType;
  }

  /** 0 for a scalar, else the number of indices. */
  public int rank() {
    return rank;
  }

  public boolean isTensor() {
    return rank > 0;
  }

  /** As Java source writes it: {@code double[][][][]}, {@code int}. */
  public String javaName() {
    return javaType.getSimpleName();
  }

  /**
   * Writes {@code value}: a boxed scalar, or a nested array (which may be null, ragged or partly
   * null: it goes as the student built it).
   */
  public void write(DataOutputStream out, Object value) throws IOException {
    switch (this) {
      case INT -> out.writeInt((Integer) value);
      case LONG -> out.writeLong((Long) value);
      case DOUBLE -> out.writeLong(Double.doubleToRawLongBits((Double) value));
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      default -> Wire.writeArray(out, ElementCast.toDoubles(value, rank), rank);
    }
  }

  /** Reads what {@link #write} wrote. */
  public Object read(DataInputStream in) throws IOException {
    return switch (this) {
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case DOUBLE -> Double.longBitsToDouble(in.readLong());
      case BOOLEAN -> in.readBoolean();
      default -> ElementCast.fromDoubles(Wire.readArray(in, rank), element(), rank);
    };
  }

  /** Whether {@code value} can be passed where this type is declared. */
  public boolean accepts(Object value) {
    return switch (this) {
      case INT -> value instanceof Integer;
      case LONG -> value instanceof Long;
      case DOUBLE -> value instanceof Double;
      case BOOLEAN -> value instanceof Boolean;
      default -> value == null || javaType.isInstance(value);
    };
  }

  static ValueType named(String name) throws IOException {
    for (ValueType type : values()) {
      if (type.name().equals(name)) {
        return type;
      }
    }
    throw new IOException("unknown value type " + name);
  }
}
