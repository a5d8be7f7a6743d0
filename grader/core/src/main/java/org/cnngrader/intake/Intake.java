package org.cnngrader.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.cnngrader.files.FileTrees;
import org.cnngrader.files.SubmissionFiles;
import org.cnngrader.intake.Submissions.Found;
import org.cnngrader.intake.Submissions.Source;
import org.cnngrader.intake.Submissions.Submission;
import org.cnngrader.report.Student;
import org.cnngrader.runner.Excerpt;

/**
 * What a TA hands the grader, turned into submission folders: folders as they are, zips extracted
 * safely into a folder of the run's own, {@code --batch} folders opened up into their children, a
 * Gradescope export into its submission folders with their students, a Canvas download into one
 * submission per student. An input that cannot be taken in costs only its own submission, which
 * scores 0 with the reason. What it leaves out or cannot use is told to its {@link IntakeListener}.
 */
public final class Intake implements AutoCloseable {

  /** How many names of other files a "no .java file" message lists. */
  private static final int LISTED = 3;

  private final Path workFolder;
  private final InputFormat format;
  private final IntakeListener listener;
  private int downloads;

  /** An intake with a temporary folder of its own, deleted by {@link #close()}. */
  public Intake(InputFormat format, IntakeListener listener) throws IOException {
    this.workFolder = Files.createTempDirectory("cnn-grader-intake-");
    this.format = format;
    this.listener = listener;
  }

  /**
   * Every submission of {@code submissions} (each a submission's folder or zip, or an export or
   * download of many), then of the {@code batches} folders (each child a submission, or the whole
   * an export or download), in the order given and, within a folder, in name order.
   *
   * @throws RefusedInputException when a folder given cannot be read
   */
  public List<Found> find(List<Path> submissions, List<Path> batches) {
    List<Found> found = new ArrayList<>();
    for (Path submission : submissions) {
      found.addAll(given(submission));
    }
    for (Path batch : batches) {
      if (!Files.isDirectory(batch)) {
        throw new RefusedInputException(batch + " is not a folder");
      }
      List<Found> inBatch = batch(batch);
      if (inBatch.isEmpty()) {
        warn(batch + " holds no submission folder or zip");
      }
      found.addAll(inBatch);
    }
    return found;
  }

  /** A SUBMISSION argument: one submission, or an export or download of many. */
  private List<Found> given(Path path) {
    boolean folder = Files.isDirectory(path);
    InputFormat kind =
        switch (format) {
          case AUTO -> folder ? recognise(path) : sniff(path);
          default -> format;
        };
    return switch (kind) {
      case GRADESCOPE ->
          told(
              path,
              kind,
              folder
                  ? gradescope(path, Path::toString)
                  : fromArchive(path, InputFormat.GRADESCOPE));
      case CANVAS ->
          told(
              path,
              kind,
              folder ? canvas(path, Path::toString) : fromArchive(path, InputFormat.CANVAS));
      default ->
          List.of(
              new Found(
                  Submissions.nameOf(path),
                  folder ? new Source.Folder(path) : new Source.Zip(path)));
    };
  }

  /** Tells the listener how {@code input} was read, and returns what it held. */
  private List<Found> told(Path input, InputFormat kind, List<Found> found) {
    listener.read(Reading.of(input.toString(), kind, found));
    return found;
  }

  /** A --batch folder: an export or download, or a folder of submissions. */
  private List<Found> batch(Path batch) {
    InputFormat kind = format == InputFormat.AUTO ? recognise(batch) : format;
    return switch (kind) {
      case GRADESCOPE -> told(batch, kind, gradescope(batch, Path::toString));
      case CANVAS -> told(batch, kind, canvas(batch, Path::toString));
      default -> told(batch, InputFormat.FOLDERS, children(batch));
    };
  }

  /** What a folder is: an export (it holds the metadata), a download (by its names), or neither. */
  private static InputFormat recognise(Path folder) {
    if (Files.isRegularFile(folder.resolve(GradescopeMetadata.FILE))) {
      return InputFormat.GRADESCOPE;
    }
    List<Path> entries = entries(folder);
    boolean download =
        !entries.isEmpty()
            && entries.stream()
                .allMatch(
                    p ->
                        Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                            && CanvasDownload.parse(p).isPresent());
    return download ? InputFormat.CANVAS : InputFormat.FOLDERS;
  }

  /**
   * What a zip holds, read from its list of entries without extracting it: an export (the metadata
   * at its top or in its one top folder), a download (only files, at its top, named as Canvas names
   * them), or one submission. A zip that cannot be read is one submission, which then says why.
   */
  private static InputFormat sniff(Path zip) {
    List<String> names = new ArrayList<>();
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = archive.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName().replace('\\', '/');
        if (!entry.isDirectory() && !ignored(name)) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      return InputFormat.FOLDERS;
    }
    if (names.stream().anyMatch(Intake::isMetadata)) {
      return InputFormat.GRADESCOPE;
    }
    boolean download =
        !names.isEmpty()
            && names.stream()
                .allMatch(n -> !n.contains("/") && CanvasDownload.parse(Path.of(n)).isPresent());
    return download ? InputFormat.CANVAS : InputFormat.FOLDERS;
  }

  private static boolean isMetadata(String entryName) {
    String[] parts = entryName.split("/", -1);
    return parts[parts.length - 1].equals(GradescopeMetadata.FILE) && parts.length <= 2;
  }

  /** Whether an entry of a zip lies in or is a hidden file or macOS metadata. */
  private static boolean ignored(String entryName) {
    for (String part : entryName.split("/", -1)) {
      if (SubmissionFiles.isHidden(part)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The children of a --batch folder: each folder or zip one submission, in name order; other files
   * are skipped with a warning, hidden entries and macOS metadata silently.
   */
  private List<Found> children(Path batch) {
    List<Found> found = new ArrayList<>();
    for (Path child : entries(batch)) {
      if (Files.isDirectory(child)) {
        found.add(new Found(Submissions.nameOf(child), new Source.Folder(child)));
      } else if (Submissions.isZip(child)) {
        found.add(new Found(Submissions.nameOf(child), new Source.Zip(child)));
      } else {
        warn(child + ": not a folder or a .zip, left out");
      }
    }
    return found;
  }

  /**
   * A Gradescope export: each folder one submission, with the students its entry in
   * submission_metadata.yml names. A folder without an entry is graded without names, an entry
   * without a folder scores 0 with the reason, and a metadata file that cannot be read leaves every
   * submission without names: each with a warning. {@code shown} names a path in messages.
   */
  private List<Found> gradescope(Path export, Function<Path, String> shown) {
    Path file = export.resolve(GradescopeMetadata.FILE);
    Optional<GradescopeMetadata.Metadata> metadata = Optional.empty();
    if (!Files.isRegularFile(file)) {
      warn(
          shown.apply(export)
              + ": no "
              + GradescopeMetadata.FILE
              + "; its submissions are graded without student names");
    } else {
      try {
        metadata = Optional.of(GradescopeMetadata.read(file));
        metadata.get().problems().forEach(p -> warn(shownIn(p, file, shown)));
      } catch (GradescopeMetadata.Unreadable e) {
        warn(
            shownIn(e.getMessage(), file, shown)
                + "; the submissions of "
                + shown.apply(export)
                + " are graded without student names");
      }
    }
    Map<String, GradescopeMetadata.Entry> entries =
        metadata.map(GradescopeMetadata.Metadata::entries).orElse(Map.of());
    List<Found> found = new ArrayList<>();
    Set<String> folders = new HashSet<>();
    for (Path child : entries(export)) {
      String name = child.getFileName().toString();
      if (name.equals(GradescopeMetadata.FILE)) {
        continue;
      }
      if (!Files.isDirectory(child) && !Submissions.isZip(child)) {
        warn(shown.apply(child) + ": not a submission folder, left out");
        continue;
      }
      String folderName = Submissions.nameOf(child);
      folders.add(folderName);
      GradescopeMetadata.Entry entry = entries.get(folderName);
      if (entry == null && metadata.isPresent()) {
        warn(
            shown.apply(child)
                + ": not listed in "
                + GradescopeMetadata.FILE
                + "; graded without student names");
      }
      Source source =
          Files.isDirectory(child)
              ? new Source.Folder(child, shown.apply(child))
              : new Source.Zip(child, shown.apply(child));
      List<Student> students = entry == null ? List.of() : entry.students();
      found.add(new Found(folderName, source, students, null));
    }
    for (Map.Entry<String, GradescopeMetadata.Entry> entry : entries.entrySet()) {
      if (folders.contains(entry.getKey())) {
        continue;
      }
      String where = shown.apply(file) + ":" + entry.getValue().line();
      List<String> names = entry.getValue().students().stream().map(Student::name).toList();
      String problem =
          entry.getKey()
              + " is listed in "
              + GradescopeMetadata.FILE
              + " (line "
              + entry.getValue().line()
              + (names.isEmpty() ? "" : ": " + String.join(", ", names))
              + "), but the export holds no folder of that name";
      found.add(
          new Found(
              entry.getKey(), new Source.Absent(where), entry.getValue().students(), problem));
    }
    return found;
  }

  /** A message about {@code file}, naming it as {@code shown} does. */
  private static String shownIn(String message, Path file, Function<Path, String> shown) {
    return message.startsWith(file.toString())
        ? shown.apply(file) + message.substring(file.toString().length())
        : message;
  }

  /** A Canvas download: its files grouped into one submission per student. */
  private List<Found> canvas(Path download, Function<Path, String> shown) {
    List<Path> files = new ArrayList<>();
    for (Path child : entries(download)) {
      if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
        files.add(child);
      } else {
        warn(shown.apply(child) + ": not a file, left out of the Canvas download");
      }
    }
    return CanvasDownload.submissions(files, shown, this::warn);
  }

  /**
   * An export's or a download's zip, extracted whole (each of its submissions may hold as much as a
   * zip of one submission may), then read as a folder; messages name paths inside the zip as {@code
   * export.zip/submission_1}. A zip that cannot be extracted is one submission that scores 0.
   */
  private List<Found> fromArchive(Path zip, InputFormat kind) {
    Path target = workFolder.resolve("downloads").resolve(String.valueOf(++downloads));
    try {
      SafeUnzip.extract(zip, target, capsFor(zip));
    } catch (IntakeException e) {
      return List.of(
          new Found(Submissions.nameOf(zip), new Source.Zip(zip), List.of(), e.getMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path root = root(target, kind);
    Function<Path, String> shown = p -> zip.resolve(target.relativize(p).toString()).toString();
    return kind == InputFormat.GRADESCOPE ? gradescope(root, shown) : canvas(root, shown);
  }

  /** Where an extracted export or download starts: its top, or the one folder at its top. */
  private static Path root(Path extracted, InputFormat kind) {
    if (kind == InputFormat.GRADESCOPE
        && Files.isRegularFile(extracted.resolve(GradescopeMetadata.FILE))) {
      return extracted;
    }
    List<Path> entries = entries(extracted);
    return entries.size() == 1 && Files.isDirectory(entries.get(0)) ? entries.get(0) : extracted;
  }

  /** The caps of a zip of one submission, times the number of top-level entries it holds. */
  private static SafeUnzip.Caps capsFor(Path zip) {
    Set<String> tops = new HashSet<>();
    try (ZipFile archive = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = archive.entries();
      while (entries.hasMoreElements()) {
        String[] parts = entries.nextElement().getName().replace('\\', '/').split("/", -1);
        // An export's zip holds one folder that holds the submissions.
        tops.add(parts.length > 2 ? parts[0] + "/" + parts[1] : parts[0]);
      }
    } catch (IOException e) {
      // SafeUnzip reports an unreadable zip.
    }
    long n = Math.max(1, tops.size());
    SafeUnzip.Caps one = SafeUnzip.Caps.DEFAULT;
    return new SafeUnzip.Caps(
        (int) Math.min(Integer.MAX_VALUE, one.maxFiles() * n),
        Math.min(Long.MAX_VALUE / 2, one.maxBytes() * n));
  }

  /**
   * Takes in this run's share of the submissions: extracts zips, gathers Canvas files, and rejects,
   * with the reason, a submission that cannot be extracted, is empty or holds no .java file. Each
   * rejection is also a warning.
   */
  public List<Submission> takeIn(List<Submission> submissions) {
    List<Submission> ready = new ArrayList<>();
    for (Submission submission : submissions) {
      Submission taken = takeIn(submission);
      if (taken.rejected() != null) {
        warn(taken.id() + ": not graded: " + taken.rejected());
      }
      ready.add(taken);
    }
    return ready;
  }

  private Submission takeIn(Submission submission) {
    if (submission.rejected() != null) {
      return submission;
    }
    Path target = workFolder.resolve("submissions").resolve(submission.id());
    Path folder;
    String what;
    try {
      // Sealed, but Java 17 has no pattern switch: an Absent source comes rejected already.
      if (submission.source() instanceof Source.Folder given) {
        folder = given.path();
        what = given.path().getFileName() + "/";
      } else if (submission.source() instanceof Source.Zip zip) {
        SafeUnzip.extract(zip.path(), target, SafeUnzip.Caps.DEFAULT);
        folder = target;
        what = zip.path().getFileName().toString();
      } else if (submission.source() instanceof Source.CanvasFiles files) {
        CanvasDownload.gather(files, target);
        folder = target;
        what = Path.of(files.where()).getFileName().toString();
      } else {
        return submission.rejectedFor("nothing was handed in: " + submission.source().where());
      }
    } catch (IntakeException e) {
      FileTrees.deleteQuietly(target);
      return submission.takenInTo(target).rejectedFor(e.getMessage());
    } catch (IOException e) {
      // A file that cannot be read or copied costs its own submission, not the batch.
      FileTrees.deleteQuietly(target);
      return submission
          .takenInTo(target)
          .rejectedFor(submission.source().where() + " cannot be read: " + e);
    }
    Submission taken = submission.takenInTo(folder);
    String problem = contentsProblem(taken.folder(), what);
    return problem == null ? taken : taken.rejectedFor(problem);
  }

  /**
   * Why a folder cannot be graded before anything is compiled: it is empty, or holds no .java file
   * (what {@link SubmissionFiles} skips, and symbolic links to folders, aside). Null when it holds
   * one; the compiler then says whatever else is wrong. {@code what} names it as the student knows
   * it.
   */
  static String contentsProblem(Path folder, String what) {
    List<String> others = new ArrayList<>();
    boolean[] java = {false};
    try {
      Files.walkFileTree(
          folder,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              String name = dir.getFileName().toString();
              if (dir.equals(folder) || !SubmissionFiles.isSkippedFolder(name)) {
                return FileVisitResult.CONTINUE;
              }
              if (!SubmissionFiles.isHidden(name)) {
                // Build output: named, so that the student sees why its copies do not count.
                others.add(folder.relativize(dir).toString().replace('\\', '/') + "/");
              }
              return FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              // What cannot be read is left to the compiler, which names it.
              java[0] = true;
              return FileVisitResult.TERMINATE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              String name = file.getFileName().toString();
              if (name.endsWith(".java")) {
                java[0] = true;
                return FileVisitResult.TERMINATE;
              }
              if (!SubmissionFiles.isHidden(name)) {
                others.add(folder.relativize(file).toString().replace('\\', '/'));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      return null;
    }
    if (java[0]) {
      return null;
    }
    if (others.isEmpty()) {
      return "nothing was handed in: no file in " + what;
    }
    others.sort(Comparator.naturalOrder());
    String listed = String.join(", ", others.subList(0, Math.min(LISTED, others.size())));
    if (others.size() > LISTED) {
      listed += " and " + (others.size() - LISTED) + " more";
    }
    return "no .java file was handed in: only " + listed + " in " + what;
  }

  /** A folder's entries in name order, without hidden files and macOS metadata. */
  private static List<Path> entries(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children
          .filter(child -> !SubmissionFiles.isHidden(child.getFileName().toString()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new RefusedInputException(folder + " cannot be read: " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new RefusedInputException(folder + " cannot be read: " + e.getCause().getMessage());
    }
  }

  /** A warning names files of the student's naming: an archive's entries may be 64 KiB long. */
  private void warn(String warning) {
    listener.warning(Excerpt.cut(warning, Excerpt.MESSAGE));
  }

  @Override
  public void close() {
    FileTrees.deleteQuietly(workFolder);
  }
}
