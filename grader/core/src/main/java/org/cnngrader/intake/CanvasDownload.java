package org.cnngrader.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cnngrader.report.Student;

/**
 * A Canvas "Download Submissions" folder: every student's files side by side, each named {@code
 * <name>[_LATE]_<user id>_<file id>_<file name>}, where {@code <name>} is the student's sortable
 * name in lower case without spaces or punctuation ("doejane"), {@code <file name>} the name the
 * student's file had in Canvas (a resubmitted file may be renamed {@code Conv2d-1.java}), and text
 * entries and links are {@code <name>[_LATE]_<user id>_text.html} and {@code ..._link.html}. With
 * anonymous grading the name is left out and the user id is {@code anon_<anonymous id>}. The files
 * of one student make one submission.
 */
public final class CanvasDownload {

  /** Who handed a file in: the name part, the user id, and whether Canvas marked it late. */
  public record StudentKey(String name, String userId, boolean late) {
    /** What every file name of this student's starts with. */
    String prefix() {
      return (name.isEmpty() ? "" : name + "_") + (late ? "LATE_" : "") + userId + "_";
    }

    /** The submission's id: the name, or the anonymous id where names are hidden. */
    String id() {
      return name.isEmpty() ? userId : name;
    }
  }

  /**
   * One file of the download: where it is, whose it is, and the name it had in Canvas ({@code
   * text.html} or {@code link.html} for a text entry or a link).
   */
  public record File(Path path, StudentKey student, String fileId, String original) {}

  /**
   * Canvas keeps word characters of the name only ({@code [[:word:]]}: letters, marks, digits,
   * connectors such as "_"), and never {@code _<digits>_}, which would read as the ids.
   */
  private static final Pattern NAME =
      Pattern.compile(
          "(?:(?<name>[\\p{L}\\p{M}\\p{N}\\p{Pc}]+?)_(?<late>LATE_)?(?<user>\\d+)"
              + "|(?<anonLate>LATE_)?(?<anon>anon_[A-Za-z0-9]+))"
              + "_(?:(?<file>\\d+)_(?<original>.+)|(?<inline>text|link)\\.html)");

  private CanvasDownload() {}

  /** What a file of a Canvas download named {@code fileName} holds; empty for any other name. */
  static Optional<File> parse(Path path) {
    Path fileName = path.getFileName();
    if (fileName == null) {
      return Optional.empty();
    }
    Matcher match = NAME.matcher(fileName.toString());
    if (!match.matches()) {
      return Optional.empty();
    }
    boolean anonymous = match.group("anon") != null;
    StudentKey student =
        new StudentKey(
            anonymous ? "" : match.group("name"),
            anonymous ? match.group("anon") : match.group("user"),
            match.group(anonymous ? "anonLate" : "late") != null);
    if (match.group("inline") != null) {
      return Optional.of(new File(path, student, "", match.group("inline") + ".html"));
    }
    String original = match.group("original");
    if (original.equals(".") || original.equals("..")) {
      return Optional.empty();
    }
    return Optional.of(new File(path, student, match.group("file"), original));
  }

  /**
   * One submission per student, in the order of {@code files}: its id is the name part of the file
   * names, its student that name with the Canvas user id. Files of other names are left out with a
   * warning; {@code shown} gives a file's name for messages.
   */
  static List<Submissions.Found> submissions(
      List<Path> files, Function<Path, String> shown, Consumer<String> warn) {
    // Keyed without the late mark: it belongs to the submission, not to one of its files.
    Map<List<String>, List<File>> byStudent = new LinkedHashMap<>();
    for (Path path : files) {
      Optional<File> file = parse(path);
      if (file.isEmpty()) {
        warn.accept(
            shown.apply(path)
                + ": not named as in a Canvas download (<name>_<user id>_<file id>_<file name>),"
                + " left out");
        continue;
      }
      StudentKey student = file.get().student();
      byStudent
          .computeIfAbsent(List.of(student.name(), student.userId()), k -> new ArrayList<>())
          .add(file.get());
    }
    List<Submissions.Found> found = new ArrayList<>();
    for (List<File> own : byStudent.values()) {
      StudentKey key = own.get(0).student();
      boolean late = own.stream().anyMatch(file -> file.student().late());
      found.add(
          new Submissions.Found(
              key.id(),
              new Submissions.Source.CanvasFiles(
                  own, shown.apply(own.get(0).path().resolveSibling(key.prefix() + "*"))),
              List.of(Student.fromCanvas(key.name(), key.userId(), late)),
              null));
    }
    return found;
  }

  /**
   * Copies one Canvas student's files into {@code target} under the names they had in Canvas, and
   * extracts the zips among them into folders named after them, all within the caps of one zip.
   */
  static void gather(Submissions.Source.CanvasFiles files, Path target)
      throws IOException, IntakeException {
    Files.createDirectories(target);
    SafeUnzip.Caps caps = SafeUnzip.Caps.DEFAULT;
    long count = 0;
    long bytes = 0;
    for (CanvasDownload.File file : files.files()) {
      String original = file.original();
      if (original.toLowerCase(Locale.ROOT).endsWith(".zip")) {
        Path folder = free(target, Submissions.withoutZip(original), file.fileId());
        if (count >= caps.maxFiles() || bytes >= caps.maxBytes()) {
          throw tooMuch(files, caps);
        }
        SafeUnzip.extract(
            file.path(),
            folder,
            new SafeUnzip.Caps((int) (caps.maxFiles() - count), caps.maxBytes() - bytes));
        long[] added = sizes(folder);
        count += added[0];
        bytes += added[1];
      } else {
        Path copy = free(target, original, file.fileId());
        // The time is kept: between two copies of a class, the newer is compiled. A link is copied
        // as a link, never read through: it could point at any file of the grader's.
        Files.copy(
            file.path(), copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        count++;
        bytes += Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS) ? Files.size(copy) : 0;
      }
      if (count > caps.maxFiles() || bytes > caps.maxBytes()) {
        throw tooMuch(files, caps);
      }
    }
  }

  private static IntakeException tooMuch(
      Submissions.Source.CanvasFiles files, SafeUnzip.Caps caps) {
    return new IntakeException(
        Path.of(files.where()).getFileName()
            + " hold more than "
            + caps.maxFiles()
            + " files or "
            + caps.maxBytes() / (1024 * 1024)
            + " MB; hand in your sources only");
  }

  /** {@code name} in {@code folder}, or, when a file of that name is there already, id_name. */
  private static Path free(Path folder, String name, String fileId) {
    Path path = folder.resolve(name);
    return Files.exists(path) ? folder.resolve(fileId + "_" + name) : path;
  }

  /** The number of files below {@code folder} and their bytes. */
  private static long[] sizes(Path folder) throws IOException {
    long[] sizes = new long[2];
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (Files.isRegularFile(path)) {
          sizes[0]++;
          sizes[1] += Files.size(path);
        }
      }
    }
    return sizes;
  }
}
