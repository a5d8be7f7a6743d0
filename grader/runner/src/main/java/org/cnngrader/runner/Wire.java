package org.cnngrader.runner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The binary encoding shared by the parent and the child. Doubles travel as their raw bits, so
 * every value arrives bit for bit as it was computed. Arrays are written as nested lengths, with -1
 * for null, so that a ragged or partly null result from student code arrives exactly as the student
 * built it and can be explained, rather than rejected by the transport.
 */
public final class Wire {

  /**
   * Refuses absurd lengths so that a corrupt or hostile stream cannot make the reader allocate
   * gigabytes.
   */
  public static final int MAX_ELEMENTS = 16 * 1024 * 1024;

  static final int MAX_STRING_BYTES = 1024 * 1024;

  /** Bytes gathered before they go to the stream: many rows of a tensor at a time. */
  private static final int CHUNK_BYTES = 32 * 1024;

  /**
   * A thread's chunk of bytes and its views as doubles, made once. Doubles are big-endian raw bits,
   * as DataOutput's writeLong writes them; a row's length (four bytes) comes before its doubles, so
   * a row starts at an offset of 0 or 4 modulo 8, and each has a view. A 4-D tensor travels as
   * thousands of rows of a few dozen doubles: a buffer, a view or a stream call per row cost more
   * than the copy.
   */
  private static final class Scratch {
    final byte[] bytes = new byte[CHUNK_BYTES];
    final ByteBuffer buffer = ByteBuffer.wrap(bytes);
    final DoubleBuffer even = buffer.asDoubleBuffer();
    final DoubleBuffer odd = ByteBuffer.wrap(bytes, 4, CHUNK_BYTES - 4).slice().asDoubleBuffer();
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  /**
   * Bytes a stream of this protocol buffers at each end: a submission's tensors are megabytes each
   * way, and at the streams' default 8 KiB every few rows cost a system call and a thread switch.
   */
  public static final int STREAM_BUFFER = 64 * 1024;

  private Wire() {}

  /**
   * A stream that asks for more than the reader accepts: too large, or not this protocol at all.
   */
  public static final class LimitExceeded extends IOException {
    private static final long serialVersionUID = 1L;

    public LimitExceeded(String message) {
      super(message);
    }
  }

  /** Writes a nested double array of the given rank (1 for double[], 4 for double[][][][]). */
  public static void writeArray(DataOutputStream out, Object array, int rank) throws IOException {
    Rows rows = new Rows(out);
    rows.array(array, rank);
    rows.flush();
  }

  /**
   * Writes a tensor held flat in row-major order with sizes {@code dims} exactly as {@link
   * #writeArray} writes the nested array it stands for, without building that array.
   */
  public static void writeFlat(DataOutputStream out, int[] dims, DoubleBuffer data)
      throws IOException {
    long size = 1;
    for (int dim : dims) {
      size *= dim;
    }
    if (dims.length == 0 || size != data.remaining()) {
      throw new IllegalArgumentException(
          "sizes " + Arrays.toString(dims) + " do not hold " + data.remaining() + " values");
    }
    Rows rows = new Rows(out);
    rows.flat(dims, 0, data, data.position());
    rows.flush();
  }

  /** Lengths and rows gathered into the thread's chunk, which goes to the stream when full. */
  private static final class Rows {
    private final DataOutputStream out;
    private final Scratch scratch = SCRATCH.get();
    private int used;

    Rows(DataOutputStream out) {
      this.out = out;
    }

    void array(Object array, int rank) throws IOException {
      if (array == null) {
        length(-1);
        return;
      }
      if (rank == 1) {
        double[] values = (double[]) array;
        length(values.length);
        doubles(values, 0, values.length);
        return;
      }
      Object[] rows = (Object[]) array;
      length(rows.length);
      for (Object row : rows) {
        array(row, rank - 1);
      }
    }

    /** The rows of {@code data} from {@code start} for axes {@code axis} onwards; the end. */
    int flat(int[] dims, int axis, DoubleBuffer data, int start) throws IOException {
      length(dims[axis]);
      if (axis == dims.length - 1) {
        doubles(data, start, dims[axis]);
        return start + dims[axis];
      }
      int next = start;
      for (int i = 0; i < dims[axis]; i++) {
        next = flat(dims, axis + 1, data, next);
      }
      return next;
    }

    private void length(int length) throws IOException {
      if (CHUNK_BYTES - used < Integer.BYTES) {
        flush();
      }
      scratch.buffer.putInt(used, length);
      used += Integer.BYTES;
    }

    private void doubles(double[] values, int from, int count) throws IOException {
      while (count > 0) {
        int fit = room(count);
        chunk().put(next(), values, from, fit);
        used += fit * Double.BYTES;
        from += fit;
        count -= fit;
      }
    }

    private void doubles(DoubleBuffer values, int from, int count) throws IOException {
      while (count > 0) {
        int fit = room(count);
        chunk().put(next(), values, from, fit);
        used += fit * Double.BYTES;
        from += fit;
        count -= fit;
      }
    }

    /** How many of {@code count} doubles fit in the chunk, at least one: it is flushed if full. */
    private int room(int count) throws IOException {
      if (CHUNK_BYTES - used < Double.BYTES) {
        flush();
      }
      return Math.min(count, (CHUNK_BYTES - used) / Double.BYTES);
    }

    /** The chunk as doubles aligned with where the next one goes (after a length, or not). */
    private DoubleBuffer chunk() {
      return used % Double.BYTES == 0 ? scratch.even : scratch.odd;
    }

    /**
     * The index of the next double in {@link #chunk}: the odd view starts four bytes in, so a
     * double at byte {@code 8k + 4} is its {@code k}th, as one at {@code 8k} is the even view's.
     */
    private int next() {
      return used / Double.BYTES;
    }

    void flush() throws IOException {
      out.write(scratch.bytes, 0, used);
      used = 0;
    }
  }

  /**
   * Reads what {@link #writeArray} wrote; the result keeps nulls and ragged rows as they were sent.
   */
  public static Object readArray(DataInputStream in, int rank) throws IOException {
    return readArray(in, rank, new int[] {MAX_ELEMENTS}, SCRATCH.get());
  }

  private static Object readArray(DataInputStream in, int rank, int[] budget, Scratch scratch)
      throws IOException {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < -1 || length > budget[0]) {
      throw new LimitExceeded("array length " + length + " is out of range");
    }
    budget[0] -= length;
    if (rank == 1) {
      double[] values = new double[length];
      int chunk = CHUNK_BYTES / Double.BYTES;
      for (int start = 0; start < length; start += chunk) {
        int count = Math.min(chunk, length - start);
        in.readFully(scratch.bytes, 0, count * Double.BYTES);
        scratch.even.get(0, values, start, count);
      }
      return values;
    }
    Object[] rows = newArrayOfRank(rank, length);
    for (int i = 0; i < length; i++) {
      rows[i] = readArray(in, rank - 1, budget, scratch);
    }
    return rows;
  }

  private static Object[] newArrayOfRank(int rank, int length) {
    return switch (rank) {
      case 2 -> new double[length][];
      case 3 -> new double[length][][];
      case 4 -> new double[length][][][];
      case 5 -> new double[length][][][][];
      default -> throw new IllegalArgumentException("unsupported rank " + rank);
    };
  }

  /** Writes a string that may be null. */
  public static void writeString(DataOutputStream out, String text) throws IOException {
    if (text == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_STRING_BYTES) {
      bytes = truncate(text);
    }
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] truncate(String text) {
    String shortened = text.substring(0, Math.min(text.length(), MAX_STRING_BYTES / 4)) + "...";
    return shortened.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads what {@link #writeString} wrote. */
  public static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < -1 || length > MAX_STRING_BYTES) {
      throw new IOException("string length " + length + " is out of range");
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("stream ended inside a string");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
