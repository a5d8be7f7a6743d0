package org.cnngrader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a submission's files into a folder, for tests that need a submission the repository lacks.
 */
public final class SubmissionFolder {

  private final Path root;

  private SubmissionFolder(Path root) {
    this.root = root;
  }

  public static SubmissionFolder in(Path root) {
    return new SubmissionFolder(root);
  }

  public SubmissionFolder with(String relativePath, String text) {
    return with(relativePath, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public SubmissionFolder with(String relativePath, byte[] bytes) {
    try {
      Path file = root.resolve(relativePath);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * The correct example's Conv2d with one edit applied: the way to write a submission that differs
   * a little.
   */
  public SubmissionFolder withCorrectConv2d(String relativePath, String find, String replace) {
    try {
      String text =
          Files.readString(TestRepository.example("correct-loops").resolve("cnn/Conv2d.java"));
      if (!find.isEmpty() && !text.contains(find)) {
        throw new IllegalArgumentException("the correct example has no " + find);
      }
      return with(relativePath, find.isEmpty() ? text : text.replace(find, replace));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces text in a file already written. */
  public SubmissionFolder edit(String relativePath, String find, String replace) {
    try {
      Path file = root.resolve(relativePath);
      String text = Files.readString(file);
      if (!text.contains(find)) {
        throw new IllegalArgumentException(relativePath + " has no " + find);
      }
      Files.writeString(file, text.replace(find, replace));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public Path path() {
    return root;
  }
}
