package org.cnngrader.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.GradingOptions;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.inspect.FindingKind;
import org.cnngrader.sandbox.Isolation;

/**
 * Writes a submission's results: {@code results.json} in Gradescope's autograder format (plus
 * {@code max_score}, which other tools read), the TA-facing {@code provenance.json}, and the
 * reports (JUnit XML, Markdown, HTML) beside them; and a run's gradebook and index.
 */
public final class ResultsWriter {

  public static final String RESULTS = "results.json";
  public static final String PROVENANCE = "provenance.json";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final FixtureSet fixtures;
  private final GradingOptions options;
  private final Isolation isolation;

  public ResultsWriter(FixtureSet fixtures, GradingOptions options, Isolation isolation) {
    this.fixtures = fixtures;
    this.options = options;
    this.isolation = isolation;
  }

  /**
   * Writes every file of a submission into {@code folder}, creating it: results.json,
   * provenance.json, junit.xml, report.md and report.html; each appears whole or not at all.
   */
  public void write(SubmissionResult result, Path folder) throws IOException {
    write(result, List.of(), folder);
  }

  /** The same, with the students who handed the submission in, for provenance.json. */
  public void write(SubmissionResult result, List<Student> students, Path folder)
      throws IOException {
    Files.createDirectories(folder);
    writeAtomically(folder.resolve(RESULTS), MAPPER.writeValueAsString(results(result)));
    writeAtomically(
        folder.resolve(PROVENANCE), MAPPER.writeValueAsString(provenance(result, students)));
    writeAtomically(folder.resolve(JunitXml.FILE), JunitXml.render(result));
    writeAtomically(folder.resolve(MarkdownReport.FILE), MarkdownReport.render(result));
    writeAtomically(folder.resolve(HtmlReport.FILE), HtmlReport.render(result));
  }

  /** Writes the run's gradebook.csv and index.html into {@code folder}. */
  public static void writeRun(List<SubmissionResult> results, Path folder) throws IOException {
    writeSheets(results.stream().map(Scoresheet::of).toList(), folder);
  }

  /** Writes gradebook.csv and index.html for submissions known by their points only. */
  public static void writeSheets(List<Scoresheet> sheets, Path folder) throws IOException {
    Files.createDirectories(folder);
    writeAtomically(folder.resolve(Gradebook.FILE), Gradebook.render(sheets));
    writeAtomically(folder.resolve(IndexPage.FILE), IndexPage.render(sheets));
  }

  static ObjectNode results(SubmissionResult result) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("score", result.score());
    root.put("max_score", result.maxScore());
    root.put("execution_time", Math.round(result.elapsed().toMillis() / 10.0) / 100.0);
    root.put("output", FeedbackWriter.summary(result));
    ArrayNode tests = root.putArray("tests");
    for (PartResult part : result.parts()) {
      ObjectNode test = tests.addObject();
      test.put("name", part.name());
      test.put("score", part.score());
      test.put("max_score", part.maxScore());
      test.put("status", part.passed() ? "passed" : "failed");
      test.put("output", FeedbackWriter.describe(part));
      test.put(
          "visibility",
          part.fixture().visibility() == Visibility.HIDDEN ? "after_published" : "visible");
    }
    return root;
  }

  private ObjectNode provenance(SubmissionResult result, List<Student> students) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("submission", result.id());
    // Names and emails are for TAs: results.json, which students see, never holds them.
    root.set(Student.PROVENANCE_FIELD, Student.toJson(students));
    root.put("graded_at", Instant.now().toString());
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
    optionNode.put("class", options.className());
    optionNode.put("call_timeout_ms", options.limits().callTimeout().toMillis());
    optionNode.put("start_timeout_ms", options.limits().startTimeout().toMillis());
    optionNode.put("heap_mb", options.limits().heapMegabytes());
    optionNode.put("stack_kb", options.limits().stackKilobytes());
    optionNode.put("compile_timeout_ms", options.compileTimeout().toMillis());
    optionNode.put("submission_timeout_ms", options.limits().submissionTimeout().toMillis());
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
    ObjectNode staticCheck = root.putObject("static_check");
    ObjectNode policy = staticCheck.putObject("policy");
    for (FindingKind kind : FindingKind.values()) {
      policy.put(kind.policyKey(), options.policy().actionFor(kind).key());
    }
    ArrayNode findings = staticCheck.putArray("findings");
    result
        .inspection()
        .ifPresent(
            inspection ->
                inspection
                    .findings()
                    .forEach(
                        finding -> {
                          ObjectNode node = findings.addObject();
                          node.put("kind", finding.kind().policyKey());
                          node.put("action", inspection.actionFor(finding).key());
                          node.put("where", finding.where());
                          node.put("member", finding.member());
                        }));
    ObjectNode scores = root.putObject("score");
    scores.put("score", result.score());
    scores.put("max_score", result.maxScore());
    scores.put("elapsed_ms", result.elapsed().toMillis());
    ArrayNode starts = scores.putArray("child_jvm_starts_ms");
    result.childStarts().forEach(d -> starts.add(d.toMillis()));
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
  private static void readableByAll(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private static void writeAtomically(Path target, String text) throws IOException {
    Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temporary, text.endsWith("\n") ? text : text + "\n");
      readableByAll(temporary);
      Files.move(
          temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
