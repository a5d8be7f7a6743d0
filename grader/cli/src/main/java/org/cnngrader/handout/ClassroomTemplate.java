package org.cnngrader.handout;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cnngrader.classroom.ClassroomResult;
import org.cnngrader.classroom.ClassroomRunner;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.Points;
import org.cnngrader.layer.Layer;

/**
 * The files of a GitHub Classroom template repository: the handout, unpacked at the repository's
 * root, its workflow ({@link ClassroomWorkflow}), what the reporter gets for a layer when the check
 * did not run, and a {@code .gitignore} that keeps Maven's {@code target/} out of students'
 * commits. Every file is audited as the handout's are.
 */
public final class ClassroomTemplate {

  static final String GITIGNORE = ".gitignore";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Handout handout;
  private final Map<ClassroomRunner, Double> maxScores;

  private ClassroomTemplate(Handout handout, Map<ClassroomRunner, Double> maxScores) {
    this.handout = handout;
    this.maxScores = maxScores;
  }

  /**
   * The template repository of the grader's repository, with the public fixtures of {@code
   * fixturesRoot}; audited against the secrets of both, as {@link Handout#fromRepository} is.
   */
  public static ClassroomTemplate fromRepository(
      Path repository, Path fixturesRoot, String graderVersion) {
    Handout handout = Handout.fromRepository(repository, fixturesRoot, graderVersion);
    Map<Layer, List<Fixture>> byLayer = new LinkedHashMap<>();
    for (Fixture fixture : FixtureFiles.load(fixturesRoot, Visibility.PUBLIC).fixtures()) {
      byLayer.computeIfAbsent(fixture.layer(), l -> new ArrayList<>()).add(fixture);
    }
    Map<ClassroomRunner, Double> maxScores = new LinkedHashMap<>();
    for (ClassroomRunner runner : ClassroomRunner.of(List.copyOf(byLayer.keySet()))) {
      maxScores.put(
          runner,
          Points.total(byLayer.get(runner.layer()).stream().mapToDouble(Fixture::maxScore)));
    }
    List<HandoutEntry> extra = new ArrayList<>();
    extra.add(
        new HandoutEntry(
            ClassroomWorkflow.PATH,
            ClassroomWorkflow.text(
                    maxScores.entrySet().stream()
                        .map(e -> new ClassroomWorkflow.Layer(e.getKey(), e.getValue()))
                        .toList(),
                    graderVersion)
                .getBytes(StandardCharsets.UTF_8)));
    maxScores.forEach(
        (runner, max) ->
            extra.add(
                new HandoutEntry(
                    ClassroomWorkflow.NOT_RUN + runner.fileName(),
                    json(
                        ClassroomResult.notRun(
                            runner.layer().title() + " (" + runner.layer().id() + ")", max)))));
    extra.add(
        new HandoutEntry(
            GITIGNORE,
            "# Maven's output: the check writes its points here on each run.\ntarget/\n"
                .getBytes(StandardCharsets.UTF_8)));
    return new ClassroomTemplate(handout.with(extra), maxScores);
  }

  /** Every file, sorted by path, as the repository will hold them. */
  public List<HandoutEntry> entries() {
    return handout.entries();
  }

  /** The handout the repository holds, audited with the workflow's files. */
  public Handout handout() {
    return handout;
  }

  /** The points of each layer's public cases, as the workflow sends them: "Conv2d 104, ...". */
  public String points() {
    List<String> points = new ArrayList<>();
    maxScores.forEach(
        (runner, max) -> points.add(runner.layer().title() + " " + FeedbackWriter.points(max)));
    return String.join(", ", points);
  }

  /**
   * Writes every file below {@code folder}, which must be empty or hold only a git repository's
   * {@code .git}, so that nothing there is overwritten or left over from another assignment.
   *
   * @throws HandoutRefusedException when an entry would give a secret away; nothing is written
   * @throws IllegalArgumentException when {@code folder} holds anything else; nothing is written
   */
  public void writeTo(Path folder) throws IOException {
    if (!handout.leaks().isEmpty()) {
      throw new HandoutRefusedException(handout.leaks());
    }
    List<String> present = notEmpty(folder);
    if (!present.isEmpty()) {
      throw new IllegalArgumentException(
          folder
              + " is not empty (it holds "
              + String.join(", ", present)
              + "): give a new folder, or a clone of an empty repository");
    }
    for (HandoutEntry entry : entries()) {
      Path file = folder.resolve(entry.path());
      Files.createDirectories(file.getParent());
      Files.write(file, entry.content());
    }
  }

  /** What {@code folder} holds besides {@code .git}, sorted, at most three names. */
  private static List<String> notEmpty(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(folder)) {
      return children
          .map(p -> p.getFileName().toString())
          .filter(name -> !name.equals(".git"))
          .sorted()
          .limit(3)
          .toList();
    }
  }

  private static byte[] json(ClassroomResult result) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(result);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + result, e);
    }
  }
}
