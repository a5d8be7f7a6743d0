package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.cnngrader.intake.IntakeException;
import org.cnngrader.intake.SafeUnzip;

/**
 * What a TA hands the grader, turned into submission folders: folders as they are, zips extracted
 * safely into a folder of the run's own, and {@code --batch} folders opened up into their children.
 * An archive that cannot be taken in costs only its own submission.
 */
final class Intake implements AutoCloseable {

  private final Path workFolder;
  private final PrintWriter err;

  Intake(PrintWriter err) throws IOException {
    this.workFolder = Files.createTempDirectory("cnn-grader-intake-");
    this.err = err;
  }

  /**
   * The submissions below every {@code --batch} folder: each child folder or zip, in name order;
   * other files are skipped with a warning, hidden entries and macOS metadata silently.
   */
  List<Path> expand(List<Path> batches) {
    List<Path> found = new ArrayList<>();
    for (Path batch : batches) {
      if (!Files.isDirectory(batch)) {
        throw new UsageException("--batch " + batch + " is not a folder");
      }
      try (Stream<Path> children = Files.list(batch)) {
        for (Path child : children.sorted().toList()) {
          String name = child.getFileName().toString();
          if (name.startsWith(".") || name.equals("__MACOSX")) {
            continue;
          }
          if (Files.isDirectory(child) || Submissions.isZip(child)) {
            found.add(child);
          } else {
            err.println("grader: warning: " + child + ": not a folder or a .zip, left out");
          }
        }
      } catch (IOException e) {
        throw new UsageException("--batch " + batch + " cannot be read: " + e.getMessage());
      } catch (UncheckedIOException e) {
        throw new UsageException("--batch " + batch + " cannot be read: " + e.getCause());
      }
      if (found.isEmpty()) {
        err.println("grader: warning: --batch " + batch + " holds no submission folder or zip");
      }
    }
    return found;
  }

  /** Extracts every zip submission; one that cannot be extracted is rejected with the reason. */
  List<Submissions.Submission> takeIn(List<Submissions.Submission> submissions) throws IOException {
    List<Submissions.Submission> ready = new ArrayList<>();
    for (Submissions.Submission submission : submissions) {
      if (!Submissions.isZip(submission.folder())) {
        ready.add(submission);
        continue;
      }
      Path target = workFolder.resolve(submission.id());
      try {
        SafeUnzip.extract(submission.folder(), target, SafeUnzip.Caps.DEFAULT);
        ready.add(submission.extractedTo(target));
      } catch (IntakeException e) {
        deleteTree(target);
        ready.add(submission.extractedTo(target).rejectedFor(e.getMessage()));
      }
    }
    return ready;
  }

  @Override
  public void close() {
    deleteTree(workFolder);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              path -> {
                try {
                  Files.deleteIfExists(path);
                } catch (IOException e) {
                  // A leftover temporary file changes no grade.
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // Left for the system's cleaning of temporary files.
    }
  }
}
