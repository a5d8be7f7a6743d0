package org.cnngrader.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cnngrader.report.Student;
import org.cnngrader.runner.Excerpt;

/**
 * Submissions with their ids: the name they were found under (a folder's, a zip's without ".zip", a
 * Canvas student's), with a suffix where two names clash.
 */
public final class Submissions {

  /**
   * Where a submission's files are, as the TA handed them over, and how messages name them ({@code
   * where}: the folder or zip as given, a path inside an export's zip, a Canvas student's files).
   */
  public sealed interface Source {
    String where();

    /** A folder of the submission's own. */
    public record Folder(Path path, String where) implements Source {
      public Folder(Path path) {
        this(path, path.toString());
      }
    }

    /** A zip of the submission's own, extracted when the submission is taken in. */
    public record Zip(Path path, String where) implements Source {
      public Zip(Path path) {
        this(path, path.toString());
      }
    }

    /** One student's files of a Canvas download, gathered when the submission is taken in. */
    public record CanvasFiles(List<CanvasDownload.File> files, String where) implements Source {
      public CanvasFiles {
        files = List.copyOf(files);
      }
    }

    /** Nothing on disk: an LMS lists the submission, but its files are not there. */
    public record Absent(String where) implements Source {}
  }

  /**
   * A submission as found among the inputs, before it has an id: the name its id derives from,
   * where it is, who handed it in, and why it cannot be graded ({@code problem}, null when it can).
   */
  public record Found(String name, Source source, List<Student> students, String problem) {
    public Found {
      students = List.copyOf(students);
    }

    public Found(String name, Source source) {
      this(name, source, List.of(), null);
    }
  }

  /**
   * One submission to grade: its id, where it was found, its folder (for a zip or Canvas files,
   * where they were extracted; null until taken in), its students, and why it cannot be graded
   * ({@code rejected}, null when it can).
   */
  public record Submission(
      String id, Source source, Path folder, List<Student> students, String rejected) {
    public Submission {
      students = List.copyOf(students);
    }

    /** A folder graded as it is, with no students known: the demo's examples. */
    public Submission(String id, Path folder) {
      this(id, new Source.Folder(folder), folder, List.of(), null);
    }

    public Submission rejectedFor(String reason) {
      return new Submission(id, source, folder, students, reason);
    }

    public Submission takenInTo(Path taken) {
      return new Submission(id, source, taken, students, rejected);
    }
  }

  private Submissions() {}

  /** Ids for folders graded as they are (the demo's examples). */
  public static List<Submission> identify(List<Path> folders, IntakeListener listener) {
    List<Found> found = new ArrayList<>();
    for (Path folder : folders) {
      found.add(new Found(nameOf(folder), new Source.Folder(folder)));
    }
    return identifyFound(found, listener);
  }

  /**
   * Gives every submission its id, in the order found: its name, or, when an earlier submission has
   * that id already, the name with the first free suffix ("-2", "-3", ...), with a warning that
   * names both.
   */
  public static List<Submission> identifyFound(List<Found> found, IntakeListener listener) {
    // Compared without case: on macOS and Windows "Alice" and "alice" would share one output
    // folder.
    Map<String, Found> holders = new HashMap<>();
    Map<String, String> ids = new HashMap<>();
    List<Submission> submissions = new ArrayList<>();
    for (Found one : found) {
      String base = safeName(one.name());
      String id = base;
      for (int suffix = 2; holders.containsKey(key(id)); suffix++) {
        id = base + "-" + suffix;
      }
      Found earlier = holders.get(key(base));
      if (earlier != null) {
        String earlierId = ids.get(key(base));
        listener.warning(
            "two submissions would have the id '"
                + base
                + "'"
                + (earlierId.equals(base) ? "" : " (ids are compared without case)")
                + ": "
                + earlier.source().where()
                + " is graded as '"
                + earlierId
                + "', "
                + one.source().where()
                + " as '"
                + id
                + "'");
      }
      holders.put(key(id), one);
      ids.put(key(id), id);
      Path folder = one.source() instanceof Source.Folder f ? f.path() : null;
      submissions.add(new Submission(id, one.source(), folder, one.students(), one.problem()));
    }
    return submissions;
  }

  /** A folder's name, or a zip's without ".zip". */
  public static String nameOf(Path path) {
    Path name = path.toAbsolutePath().normalize().getFileName();
    return name == null ? "submission" : withoutZip(name.toString());
  }

  public static boolean isZip(Path path) {
    return path.getFileName() != null
        && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")
        && Files.isRegularFile(path);
  }

  public static String withoutZip(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".zip") && name.length() > 4
        ? name.substring(0, name.length() - 4)
        : name;
  }

  /**
   * An id is an output folder's name: never empty, ".", "..", holding a path separator or a control
   * character, whatever the LMS or the student called things.
   */
  private static String safeName(String name) {
    StringBuilder plain = new StringBuilder(name.length());
    name.codePoints().forEach(c -> plain.appendCodePoint(Character.isISOControl(c) ? '_' : c));
    // An id names the submission's folder and every report's title: a file name of the student's
    // choosing may be longer than a file system allows.
    String safe = Excerpt.cut(plain.toString().replace('/', '_').replace('\\', '_'), Excerpt.NAME);
    return safe.isEmpty() || safe.equals(".") || safe.equals("..") ? "submission" : safe;
  }

  private static String key(String id) {
    return id.toLowerCase(Locale.ROOT);
  }
}
