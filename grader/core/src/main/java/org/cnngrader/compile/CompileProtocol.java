package org.cnngrader.compile;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the grader and its compile worker say to each other, over the worker's stdin and stdout: a
 * request (files, their origins, the classes folder), then from the worker any number of steps and
 * one result.
 */
final class CompileProtocol {

  static final byte STEP = 'S';
  static final byte RESULT = 'R';

  /** Longest text either side accepts: javac's messages for a whole submission fit. */
  private static final int MAX_TEXT_BYTES = 16 * 1024 * 1024;

  private static final int MAX_COUNT = 100_000;

  private CompileProtocol() {}

  record Request(List<Path> files, Path classes, Map<String, String> origins) {}

  static void writeRequest(DataOutputStream out, Request request) throws IOException {
    out.writeInt(request.files().size());
    for (Path file : request.files()) {
      writeText(out, file.toString());
    }
    writeText(out, request.classes().toString());
    out.writeInt(request.origins().size());
    for (Map.Entry<String, String> origin : request.origins().entrySet()) {
      writeText(out, origin.getKey());
      writeText(out, origin.getValue());
    }
    out.flush();
  }

  static Request readRequest(DataInputStream in) throws IOException {
    int count = count(in);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      files.add(Path.of(readText(in)));
    }
    Path classes = Path.of(readText(in));
    int originCount = count(in);
    Map<String, String> origins = new LinkedHashMap<>();
    for (int i = 0; i < originCount; i++) {
      origins.put(readText(in), readText(in));
    }
    return new Request(files, classes, origins);
  }

  static void writeStep(DataOutputStream out, String step, String origin) throws IOException {
    out.writeByte(STEP);
    writeText(out, step);
    writeText(out, origin);
    out.flush();
  }

  static void writeResult(DataOutputStream out, Javac.Run run) throws IOException {
    out.writeByte(RESULT);
    out.writeBoolean(run.succeeded());
    writeText(out, run.messages());
    out.writeInt(run.firstErrors().size());
    for (Map.Entry<String, String> error : run.firstErrors().entrySet()) {
      writeText(out, error.getKey());
      writeText(out, error.getValue());
    }
    out.writeBoolean(run.spent());
    out.flush();
  }

  static Javac.Run readResult(DataInputStream in) throws IOException {
    boolean succeeded = in.readBoolean();
    String messages = readText(in);
    int count = count(in);
    Map<String, String> firstErrors = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      firstErrors.put(readText(in), readText(in));
    }
    return new Javac.Run(succeeded, messages, firstErrors, in.readBoolean());
  }

  static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_TEXT_BYTES) {
      bytes = text.substring(0, MAX_TEXT_BYTES / 4).getBytes(StandardCharsets.UTF_8);
    }
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readText(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > MAX_TEXT_BYTES) {
      throw new IOException("bad text length " + length);
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static int count(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > MAX_COUNT) {
      throw new IOException("bad count " + count);
    }
    return count;
  }
}
