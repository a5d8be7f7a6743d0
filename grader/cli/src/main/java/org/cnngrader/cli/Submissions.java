package org.cnngrader.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/** Submission folders with their ids: the folder's name, with a suffix where two names clash. */
final class Submissions {

  /** One submission to grade. */
  record Submission(String id, Path folder) {}

  private Submissions() {}

  static List<Submission> identify(List<Path> folders, Consumer<String> warn) {
    // Compared without case: on macOS and Windows "Alice" and "alice" would share one output
    // folder.
    Set<String> taken = new HashSet<>();
    List<Submission> submissions = new ArrayList<>();
    for (Path folder : folders) {
      Path name = folder.toAbsolutePath().normalize().getFileName();
      String base = name == null ? "submission" : name.toString();
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
}
