package org.cnngrader.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Submissions with their ids: the folder's name, or the zip's without ".zip", with a suffix where
 * two names clash.
 */
final class Submissions {

  /**
   * One submission to grade: its folder (for a zip, where it was extracted), or why it cannot be
   * graded ({@code rejected}, null when it can).
   */
  record Submission(String id, Path folder, String rejected) {
    Submission(String id, Path folder) {
      this(id, folder, null);
    }

    Submission rejectedFor(String reason) {
      return new Submission(id, folder, reason);
    }

    Submission extractedTo(Path extracted) {
      return new Submission(id, extracted, rejected);
    }
  }

  private Submissions() {}

  static List<Submission> identify(List<Path> folders, Consumer<String> warn) {
    // Compared without case: on macOS and Windows "Alice" and "alice" would share one output
    // folder.
    Set<String> taken = new HashSet<>();
    List<Submission> submissions = new ArrayList<>();
    for (Path folder : folders) {
      Path name = folder.toAbsolutePath().normalize().getFileName();
      String base = name == null ? "submission" : withoutZip(name.toString());
      String id = base;
      for (int suffix = 2; !taken.add(id.toLowerCase(Locale.ROOT)); suffix++) {
        id = base + "-" + suffix;
      }
      if (!id.equals(base)) {
        warn.accept(
            "two submissions are named '" + base + "'; " + folder + " is graded as '" + id + "'");
      }
      submissions.add(new Submission(id, folder));
    }
    return submissions;
  }

  static boolean isZip(Path path) {
    return path.getFileName() != null
        && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")
        && java.nio.file.Files.isRegularFile(path);
  }

  private static String withoutZip(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".zip") && name.length() > 4
        ? name.substring(0, name.length() - 4)
        : name;
  }
}
