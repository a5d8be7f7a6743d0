package org.cnngrader.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;

/** A class file read from disk; any failure to make sense of it names the file. */
record ParsedClass(Path file, ClassReader reader) {

  static ParsedClass read(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IOException(file + ": cannot be read (" + e + ")", e);
    }
    try {
      ClassReader reader = new ClassReader(bytes);
      // The header is read lazily; read it now so that a truncated file fails here.
      reader.getSuperName();
      return new ParsedClass(file, reader);
    } catch (RuntimeException e) {
      throw unreadable(file, e);
    }
  }

  void accept(ClassVisitor visitor) throws IOException {
    try {
      // Frames only help a verifier; line numbers are kept, to say where each use is.
      reader.accept(visitor, ClassReader.SKIP_FRAMES);
    } catch (RuntimeException e) {
      // ASM throws whatever a malformed constant pool or code attribute happens to trigger.
      throw unreadable(file, e);
    }
  }

  private static IOException unreadable(Path file, RuntimeException cause) {
    return new IOException(file + ": not a valid class file (" + cause + ")", cause);
  }
}
