package org.cnngrader.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.files.FileTrees;
import org.cnngrader.fixture.Credit;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.inspect.FindingKind;
import org.cnngrader.resources.ChildUsage;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.sandbox.Isolation;

/**
 * Writes a submission's results: {@code results.json} in Gradescope's autograder format (plus
 * {@code max_score}, which other tools read), the TA-facing {@code provenance.json}, and the
 * reports (JUnit XML, Markdown, HTML) beside them; and a run's gradebook and index.
 */
public final class ResultsWriter {

  public static final String RESULTS = "results.json";
  public static final String PROVENANCE = "provenance.json";
  public static final String GRADER_ERRORS = "grader-errors.json";

  /** Where a submission's files are written before they take its folder's place. */
  static final String STAGING = ".staging";

  /** Folders whose file system is known to keep POSIX permissions, or not to. */
  private static final Map<Path, Boolean> POSIX_FOLDERS = new ConcurrentHashMap<>();

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final FixtureSet fixtures;
  private final GradingOptions options;
  private final Isolation isolation;
  private final Optional<PrairieLearnResults.CompileErrors> prairieLearn;

  /** How many of the static check's findings provenance.json lists. */
  static final int PROVENANCE_FINDINGS = 100;

  public ResultsWriter(FixtureSet fixtures, GradingOptions options, Isolation isolation) {
    this(fixtures, options, isolation, Optional.empty());
  }

  private ResultsWriter(
      FixtureSet fixtures,
      GradingOptions options,
      Isolation isolation,
      Optional<PrairieLearnResults.CompileErrors> prairieLearn) {
    this.fixtures = fixtures;
    this.options = options;
    this.isolation = isolation;
    this.prairieLearn = prairieLearn;
  }

  /**
   * The same writer, which also writes {@link PrairieLearnResults#FILE} for each submission when
   * {@code wanted} is present, with its policy for hand-ins that do not compile.
   */
  public ResultsWriter withPrairieLearn(Optional<PrairieLearnResults.CompileErrors> wanted) {
    return new ResultsWriter(fixtures, options, isolation, wanted);
  }

  /** How this writer's submissions were confined, for the run's index. */
  public Confinement confinement() {
    return Confinement.of(isolation);
  }

  /**
   * Writes every file of a submission into {@code folder}: results.json, provenance.json (with the
   * key it was graded under), junit.xml, report.md and report.html. The files are written into a
   * staging folder beside it, which then takes the folder's place: a run killed midway leaves the
   * earlier folder or the new one whole, never a mix.
   */
  public void write(SubmissionResult result, Path folder, GradingKey key) throws IOException {
    write(result, List.of(), folder, key);
  }

  /** The same, with the students who handed the submission in, for provenance.json. */
  public void write(SubmissionResult result, List<Student> students, Path folder, GradingKey key)
      throws IOException {
    Path parent = folder.toAbsolutePath().getParent();
    Path staging = Files.createDirectories(parent.resolve(STAGING));
    Path fresh = Files.createTempDirectory(staging, "new-");
    try {
      // The staging folder is this writer's alone until it takes the folder's place whole, so
      // its files are written in place, not each through a temporary file of its own.
      boolean posix = posix(staging);
      readableByAll(fresh, "rwxr-xr-x", posix);
      writeNew(fresh.resolve(RESULTS), MAPPER.writeValueAsString(results(result)), posix);
      writeNew(
          fresh.resolve(PROVENANCE),
          MAPPER.writeValueAsString(provenance(result, students, key)),
          posix);
      writeNew(fresh.resolve(JunitXml.FILE), JunitXml.render(result), posix);
      writeNew(fresh.resolve(MarkdownReport.FILE), MarkdownReport.render(result), posix);
      writeNew(fresh.resolve(HtmlReport.FILE), HtmlReport.render(result), posix);
      if (prairieLearn.isPresent()) {
        writeNew(
            fresh.resolve(PrairieLearnResults.FILE),
            PrairieLearnResults.render(result, prairieLearn.get()),
            posix);
      }
      replace(folder, fresh, staging);
    } finally {
      FileTrees.delete(fresh);
    }
  }

  /**
   * Puts {@code fresh} in the place of {@code folder}: the earlier folder is first moved aside into
   * {@code staging}, as a directory cannot be renamed over one that holds files.
   */
  private static void replace(Path folder, Path fresh, Path staging) throws IOException {
    Path earlier = null;
    if (Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      earlier = Files.createTempDirectory(staging, "old-");
      Files.delete(earlier);
      Files.move(folder, earlier, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(fresh, folder, StandardCopyOption.ATOMIC_MOVE);
    if (earlier != null) {
      FileTrees.delete(earlier);
    }
  }

  /**
   * Deletes what a run that was killed left in {@code outFolder}'s staging folder: half-written
   * results, and earlier ones moved aside just before. Called before grading into the folder.
   */
  public static void clearStaging(Path outFolder) throws IOException {
    FileTrees.delete(outFolder.resolve(STAGING));
  }

  /** The key submission {@code folder}'s results were graded under, if it holds results. */
  public static Optional<String> keyOf(Path folder) {
    Path provenance = folder.resolve(PROVENANCE);
    if (!Files.isRegularFile(folder.resolve(RESULTS)) || !Files.isRegularFile(provenance)) {
      return Optional.empty();
    }
    try {
      JsonNode key = MAPPER.readTree(provenance.toFile()).path("resume").path("key");
      return key.isTextual() ? Optional.of(key.asText()) : Optional.empty();
    } catch (IOException e) {
      // Unreadable results are graded again.
      return Optional.empty();
    }
  }

  /**
   * Writes the run's gradebook.csv and index.html into {@code folder}, and grader-errors.json when
   * the grader failed on a submission (else removes the one an earlier run wrote).
   */
  public static void writeRun(List<Scoresheet> sheets, List<GraderError> errors, Path folder)
      throws IOException {
    Files.createDirectories(folder);
    writeAtomically(folder.resolve(Gradebook.FILE), Gradebook.render(sheets, errors));
    writeAtomically(folder.resolve(IndexPage.FILE), IndexPage.render(sheets, errors));
    Path errorsFile = folder.resolve(GRADER_ERRORS);
    if (errors.isEmpty()) {
      Files.deleteIfExists(errorsFile);
      return;
    }
    ArrayNode list = MAPPER.createArrayNode();
    for (GraderError error : errors) {
      list.addObject().put("submission", error.id()).put("error", error.message());
    }
    writeAtomically(errorsFile, MAPPER.writeValueAsString(list));
  }

  /** The grader errors a run recorded in {@code folder}, none when it recorded none. */
  public static List<GraderError> readErrors(Path folder) throws IOException {
    Path file = folder.resolve(GRADER_ERRORS);
    if (!Files.exists(file)) {
      return List.of();
    }
    JsonNode list = MAPPER.readTree(file.toFile());
    if (!list.isArray()) {
      throw new IOException(file + ": expected an array of grader errors");
    }
    List<GraderError> errors = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      if (!entry.path("submission").isTextual() || !entry.path("error").isTextual()) {
        throw new IOException(file + ": [" + i + "]: expected \"submission\" and \"error\" texts");
      }
      errors.add(new GraderError(entry.get("submission").asText(), entry.get("error").asText()));
    }
    return errors;
  }

  static ObjectNode results(SubmissionResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("score", result.score());
    root.put("max_score", result.maxScore());
    root.put("execution_time", Math.round(result.elapsed().toMillis() / 10.0) / 100.0);
    root.put("output", GradescopeMarkdown.summary(result));
    root.put("output_format", "md");
    root.put("test_output_format", "md");
    ArrayNode tests = root.putArray("tests");
    TextBudget budget = new TextBudget();
    List<String> layers = new ArrayList<>();
    int inLayer = 0;
    for (PartResult part : result.parts()) {
      String layer = part.fixture().layer().id();
      if (!layers.contains(layer)) {
        layers.add(layer);
        inLayer = 0;
      }
      ObjectNode test = tests.addObject();
      test.put("name", part.name());
      // Gradescope orders the tests by number: the assignment's layers, then each layer's parts.
      test.put("number", (layers.indexOf(layer) + 1) + "." + ++inLayer);
      test.put("score", part.score());
      test.put("max_score", part.maxScore());
      test.put("status", part.passed() ? "passed" : "failed");
      test.put("output", GradescopeMarkdown.part(part, budget));
      test.putArray("tags").add(layer).add(part.part().label());
      test.put(
          "visibility",
          part.fixture().visibility() == Visibility.HIDDEN ? "after_published" : "visible");
    }
    return root;
  }

  private ObjectNode provenance(SubmissionResult result, List<Student> students, GradingKey key) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("submission", result.id());
    // Names and emails are for TAs: results.json, which students see, never holds them.
    root.set(Student.PROVENANCE_FIELD, Student.toJson(students));
    root.put("graded_at", Instant.now().toString());
    ObjectNode resume = root.putObject("resume");
    resume.put("key", key.value());
    resume.put("submission_sha256", key.submission());
    resume.put("grader_build_sha256", key.build());
    resume.put("fixtures_sha256", key.fixtures());
    resume.put("options_sha256", key.options());
    ObjectNode grader = root.putObject("grader");
    grader.put("version", GraderBuild.version());
    ObjectNode java = root.putObject("java");
    java.put("version", System.getProperty("java.version"));
    java.put("vendor", System.getProperty("java.vendor"));
    java.put("vm", System.getProperty("java.vm.name"));
    ObjectNode os = root.putObject("os");
    os.put("name", System.getProperty("os.name"));
    os.put("version", System.getProperty("os.version"));
    os.put("arch", System.getProperty("os.arch"));
    ObjectNode fixtureNode = root.putObject("fixtures");
    fixtureNode.put("sha256", fixtures.sha256());
    fixtureNode.put("public_cases", fixtures.only(Visibility.PUBLIC).fixtures().size());
    fixtureNode.put("hidden_cases", fixtures.only(Visibility.HIDDEN).fixtures().size());
    ObjectNode optionNode = root.putObject("options");
    ArrayNode layers = optionNode.putArray("layers");
    fixtures.layers().forEach(layer -> layers.add(layer.id()));
    optionNode.put("call_timeout_ms", options.limits().callTimeout().toMillis());
    optionNode.put("start_timeout_ms", options.limits().startTimeout().toMillis());
    optionNode.put("heap_mb", options.limits().heapMegabytes());
    optionNode.put("native_mb", options.limits().nativeMegabytes());
    optionNode.put("stack_kb", options.limits().stackKilobytes());
    optionNode.put("compile_timeout_ms", options.compileTimeout().toMillis());
    optionNode.put("submission_timeout_ms", options.limits().submissionTimeout().toMillis());
    optionNode.put("credit", options.credit().map(Credit::key).orElse("as each fixture says"));
    // The seed reproduces the random cases for a regrade: for TAs only, never in results.json.
    ObjectNode random = optionNode.putObject("random_cases");
    random.put("count", options.randomCases().count());
    if (options.randomCases().any()) {
      random.put("seed", options.randomCases().seed());
    }
    ObjectNode sandbox = root.putObject("sandbox");
    sandbox.put("requested", isolation.requested());
    sandbox.put("strict", isolation.strict());
    sandbox.put("level", isolation.level().key());
    sandbox.put("level_number", isolation.level().number());
    sandbox.put("promises", isolation.level().description());
    sandbox.put("own_user_per_child", isolation.ownUser());
    ArrayNode passedOver = sandbox.putArray("stronger_levels_passed_over");
    isolation.passedOver().forEach(passedOver::add);
    ArrayNode readable = sandbox.putArray("secrets_readable_to_student_code");
    isolation.readableSecrets().forEach(path -> readable.add(path.toString()));
    ObjectNode bounds = sandbox.putObject("bounds_per_child");
    for (ResourceBound bound : isolation.bounds()) {
      ObjectNode node = bounds.putObject(bound.resource().key());
      node.put("held", bound.held());
      node.put("how", bound.how());
    }
    ObjectNode staticCheck = root.putObject("static_check");
    ObjectNode policy = staticCheck.putObject("policy");
    for (FindingKind kind : FindingKind.values()) {
      policy.put(kind.policyKey(), options.policy().actionFor(kind).key());
    }
    ArrayNode findings = staticCheck.putArray("findings");
    result
        .inspection()
        .ifPresent(
            inspection -> {
              // A submission makes as many findings as it has lines; the first ones tell enough.
              inspection.findings().stream()
                  .limit(PROVENANCE_FINDINGS)
                  .forEach(
                      finding -> {
                        ObjectNode node = findings.addObject();
                        node.put("kind", finding.kind().policyKey());
                        node.put("action", inspection.actionFor(finding).key());
                        node.put("where", finding.where());
                        node.put("member", finding.member());
                      });
              staticCheck.put(
                  "findings_left_out",
                  Math.max(0, inspection.findings().size() - PROVENANCE_FINDINGS));
            });
    ObjectNode scores = root.putObject("score");
    scores.put("score", result.score());
    scores.put("max_score", result.maxScore());
    scores.put("elapsed_ms", result.elapsed().toMillis());
    scores.put("first_problem", FeedbackWriter.headline(result).orElse(""));
    scores.put(Scoresheet.NO_CODE_FIELD, result.noCode());
    ArrayNode starts = scores.putArray("child_jvm_starts_ms");
    result.childStarts().forEach(d -> starts.add(d.toMillis()));
    ArrayNode children = scores.putArray("child_jvms");
    for (ChildUsage usage : result.children()) {
      ObjectNode child = children.addObject();
      child.put("cpu_ms", usage.cpuTime().toMillis());
      if (usage.peakBytes().isPresent()) {
        child.put("peak_memory_mib", usage.peakBytes().getAsLong() / (1024 * 1024));
      } else {
        child.putNull("peak_memory_mib");
      }
    }
    // What a course pays for each layer: the CPU time its cases were charged, as the limits count
    // it.
    ObjectNode layerCpu = scores.putObject("case_cpu_ms_by_layer");
    result.caseCpuByLayer().forEach((layer, cpu) -> layerCpu.put(layer, cpu.toMillis()));
    // What the code printed on hidden inputs: for TAs only, never in results.json.
    ObjectNode hidden = root.putObject("hidden_cases_output");
    hidden.put("text", result.hiddenOutput().text());
    hidden.put("discarded_bytes", result.hiddenOutput().discardedBytes());
    return root;
  }

  /**
   * Temporary files are private to their owner; results are not (a web server or another account of
   * the course may serve them). Who may enter the folder still decides who reads them.
   */
  /**
   * Whether the file system of {@code folder} keeps POSIX permissions. Asked once per folder: the
   * answer reads the machine's mount table, which cost more than writing a submission's files.
   */
  private static boolean posix(Path folder) throws IOException {
    Boolean known = POSIX_FOLDERS.get(folder);
    if (known == null) {
      known = Files.getFileStore(folder).supportsFileAttributeView(PosixFileAttributeView.class);
      POSIX_FOLDERS.put(folder, known);
    }
    return known;
  }

  private static void readableByAll(Path path, String permissions, boolean posix)
      throws IOException {
    if (posix) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }
  }

  /** Writes a file that no one else sees yet, readable by all. */
  private static void writeNew(Path target, String text, boolean posix) throws IOException {
    Files.writeString(
        target, withFinalNewline(text), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    readableByAll(target, "rw-r--r--", posix);
  }

  private static String withFinalNewline(String text) {
    return text.endsWith("\n") ? text : text + "\n";
  }

  private static void writeAtomically(Path target, String text) throws IOException {
    Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, withFinalNewline(text));
      readableByAll(temporary, "rw-r--r--", posix(target.getParent()));
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
