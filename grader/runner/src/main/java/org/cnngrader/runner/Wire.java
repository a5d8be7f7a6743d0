package org.cnngrader.runner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.charset.StandardCharsets;

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

  /** Doubles moved per bulk copy: big-endian raw bits, as DataOutput's writeLong writes them. */
  private static final int CHUNK = 1024;

  /**
   * A thread's bytes for one chunk and their view as doubles, made once: a 4-D tensor travels as
   * rows of a few dozen doubles, and a buffer and a view made per row cost more than the copy.
   */
  private static final class Scratch {
    final byte[] bytes = new byte[CHUNK * Double.BYTES];
    final DoubleBuffer doubles = ByteBuffer.wrap(bytes).asDoubleBuffer();
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

    LimitExceeded(String message) {
      super(message);
    }
  }

  /** Writes a nested double array of the given rank (1 for double[], 4 for double[][][][]). */
  public static void writeArray(DataOutputStream out, Object array, int rank) throws IOException {
    if (array == null) {
      out.writeInt(-1);
      return;
    }
    if (rank == 1) {
      double[] values = (double[]) array;
      out.writeInt(values.length);
      // In bulk: one element at a time through the stream cost a tenth of a large case's time.
      Scratch scratch = SCRATCH.get();
      for (int start = 0; start < values.length; start += CHUNK) {
        int count = Math.min(CHUNK, values.length - start);
        scratch.doubles.clear();
        scratch.doubles.put(values, start, count);
        out.write(scratch.bytes, 0, count * Double.BYTES);
      }
      return;
    }
    Object[] rows = (Object[]) array;
    out.writeInt(rows.length);
    for (Object row : rows) {
      writeArray(out, row, rank - 1);
    }
  }

  /**
   * Reads what {@link #writeArray} wrote; the result keeps nulls and ragged rows as they were sent.
   */
  public static Object readArray(DataInputStream in, int rank) throws IOException {
    return readArray(in, rank, new int[] {MAX_ELEMENTS});
  }

  private static Object readArray(DataInputStream in, int rank, int[] budget) throws IOException {
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
      Scratch scratch = SCRATCH.get();
      for (int start = 0; start < length; start += CHUNK) {
        int count = Math.min(CHUNK, length - start);
        in.readFully(scratch.bytes, 0, count * Double.BYTES);
        scratch.doubles.clear();
        scratch.doubles.get(values, start, count);
      }
      return values;
    }
    Object[] rows = newArrayOfRank(rank, length);
    for (int i = 0; i < length; i++) {
      rows[i] = readArray(in, rank - 1, budget);
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
