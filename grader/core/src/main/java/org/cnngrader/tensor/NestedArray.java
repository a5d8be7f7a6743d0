package org.cnngrader.tensor;

/**
 * What a student's method returned, as nested Java arrays: either a regular tensor, or a
 * description of what makes it irregular (null, ragged, wrong rank), with the index where it
 * happens.
 */
public sealed interface NestedArray {

  /** A rectangular array without nulls. */
  record Regular(Tensor tensor) implements NestedArray {}

  /** The array itself, or a row at {@code where}, is null. */
  record NullAt(String where) implements NestedArray {

    /** The row of array {@code name} at the first {@code depth} indices of {@code path}. */
    public static NullAt of(String name, int[] path, int depth) {
      return new NullAt(indexed(name, path, depth));
    }
  }

  /**
   * The row at {@code where} has {@code length} entries where the first row at its depth, {@code
   * first}, has {@code expected}.
   */
  record Ragged(String where, int length, String first, int expected) implements NestedArray {

    /**
     * The row of array {@code name} at the first {@code depth} indices of {@code path} has {@code
     * length} entries where the first row at that depth has {@code expected}.
     */
    public static Ragged of(String name, int[] path, int depth, int length, int expected) {
      return new Ragged(
          indexed(name, path, depth), length, indexed(name, new int[depth], depth), expected);
    }
  }

  /**
   * Reads a nested array of the given rank. {@code name} labels indices in the description, e.g.
   * "out" gives "out[0][2]".
   */
  static NestedArray inspect(Object array, int rank, String name) {
    if (array == null) {
      return new NullAt(name);
    }
    int[] dims = new int[rank];
    NestedArray problem = measure(array, rank, 0, dims, new int[rank], name, true);
    if (problem != null) {
      return problem;
    }
    Shape shape = new Shape(dims);
    double[] data = new double[shape.size()];
    flatten(array, rank, data, new int[] {0});
    return new Regular(new Tensor(shape, data));
  }

  /**
   * Checks the rows below {@code axis}; {@code path} holds the indices that lead to {@code array}.
   * Descriptions of an index are made only for a problem: a large result has thousands of rows.
   */
  private static NestedArray measure(
      Object array, int rank, int axis, int[] dims, int[] path, String name, boolean first) {
    int length = rank - axis == 1 ? ((double[]) array).length : ((Object[]) array).length;
    if (first) {
      dims[axis] = length;
    } else if (length != dims[axis]) {
      return Ragged.of(name, path, axis, length, dims[axis]);
    }
    if (rank - axis == 1) {
      return null;
    }
    Object[] rows = (Object[]) array;
    for (int i = 0; i < rows.length; i++) {
      path[axis] = i;
      if (rows[i] == null) {
        return NullAt.of(name, path, axis + 1);
      }
      NestedArray problem = measure(rows[i], rank, axis + 1, dims, path, name, first && i == 0);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  /** "out[0][2]": {@code name} with the first {@code depth} indices of {@code path}. */
  private static String indexed(String name, int[] path, int depth) {
    StringBuilder where = new StringBuilder(name);
    for (int i = 0; i < depth; i++) {
      where.append('[').append(path[i]).append(']');
    }
    return where.toString();
  }

  private static void flatten(Object array, int rank, double[] data, int[] next) {
    if (rank == 1) {
      double[] row = (double[]) array;
      System.arraycopy(row, 0, data, next[0], row.length);
      next[0] += row.length;
      return;
    }
    for (Object row : (Object[]) array) {
      flatten(row, rank - 1, data, next);
    }
  }
}
