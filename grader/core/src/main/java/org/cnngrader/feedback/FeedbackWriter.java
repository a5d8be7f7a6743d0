package org.cnngrader.feedback;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.cnngrader.compare.ValueComparison;
import org.cnngrader.compile.Compilation;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.diagnosis.Reach;
import org.cnngrader.diagnosis.UnfinishedBackward;
import org.cnngrader.execution.CallOutcome;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.grading.GradientCheck;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.Points;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.grading.Verdict;
import org.cnngrader.grading.Warning;
import org.cnngrader.inspect.Finding;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Part;
import org.cnngrader.layer.Setting;
import org.cnngrader.runner.Backprop;
import org.cnngrader.runner.Excerpt;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Member;
import org.cnngrader.runner.Step;
import org.cnngrader.tensor.NestedArray;
import org.cnngrader.tensor.Shape;

/**
 * Words the verdicts for people: the student reading results.json, the TA reading the table. One
 * method per kind of verdict; every message names the tensor, the index and the case's own numbers.
 */
public final class FeedbackWriter {

  /** What starts the line that names a known mistake. */
  static final String LIKELY_MISTAKE = "Likely mistake: ";

  private FeedbackWriter() {}

  /** The feedback for one part, with its warnings on lines of their own. */
  public static String describe(PartResult part) {
    String text = verdictOf(part);
    text += part.partialComparison().map(c -> "\n" + partialCredit(part, c)).orElse("");
    text += part.gradientCheck().map(f -> "\n" + gradientCheck(f)).orElse("");
    for (Warning warning : part.warnings()) {
      text += "\nWarning: " + Warnings.describe(warning);
    }
    // Each quoted string is bounded where it arrived; a part quotes several.
    return Excerpt.cut(text, Excerpt.PART);
  }

  /**
   * What the gradient check says of a failing gradient: whether it follows from the student's own
   * forward, and so where the mistake is.
   */
  static String gradientCheck(GradientCheck.Finding finding) {
    String tensor = finding.gradient();
    String intro =
        "Gradient check on a small case (" + finding.check().smallCase().describe() + "): ";
    GradientCheck.Agreement agreement = finding.agreement();
    if (agreement instanceof GradientCheck.Agrees agrees) {
      return intro
          + String.format(
              "your %s matches the centred differences of your own forward (relative error %s),"
                  + " so your backward is consistent with your forward: %s",
              tensor,
              Numbers.error(agrees.comparison().maxError()),
              finding.forwardPassed()
                  ? "it goes wrong at this case's sizes only."
                  : "the mistake is in forward; fix forward first.");
    }
    if (agreement instanceof GradientCheck.Disagrees disagrees) {
      ValueComparison c = disagrees.comparison();
      return intro
          + String.format(
              "your %s does not match the centred differences of your own forward (relative error"
                  + " %s at %s%s): %s",
              tensor,
              Numbers.error(c.maxError()),
              tensor,
              Shape.format(c.worstIndex()),
              finding.forwardPassed()
                  ? "the mistake is in backward."
                  : "the mistake is in backward, and your forward is wrong too.");
    }
    return intro + "not compared: " + ((GradientCheck.Unusable) agreement).why() + ".";
  }

  /** "41 of 48 elements within tolerance: 0.85 of 1 point (proportional credit)". */
  static String partialCredit(PartResult part, ValueComparison comparison) {
    return String.format(
        Locale.ROOT,
        "%d of %d elements within tolerance: %s of %s %s (proportional credit)",
        comparison.elements() - comparison.elementsOff(),
        comparison.elements(),
        points(part.score()),
        points(part.maxScore()),
        part.maxScore() == 1 ? "point" : "points");
  }

  private static String verdictOf(PartResult part) {
    Verdict verdict = part.verdict();
    Optional<Part> shapePart = shapePartOf(part);
    if (shapePart.isPresent() && verdict instanceof Verdict.WrongShape shape) {
      return String.format(
          "values not compared: %s has shape %s instead of %s (see \"%s\")",
          shape.tensor(),
          shape.actual(),
          shape.expected(),
          new PartResult(part.fixture(), shapePart.get(), verdict).name());
    }
    String text = describe(verdict);
    if (verdict instanceof Verdict.WrongValues wrong) {
      return text + "\n" + caseLine(part.fixture()) + likelyMistake(wrong.diagnosis());
    }
    if (verdict instanceof Verdict.WrongShape shape) {
      return text + likelyMistake(shape.diagnosis());
    }
    if (verdict instanceof Verdict.Irregular irregular) {
      return text + likelyMistake(irregular.diagnosis());
    }
    if (verdict instanceof Verdict.ReturnedNull none) {
      return text + likelyMistake(none.diagnosis());
    }
    if (verdict instanceof Verdict.CallFailed failed
        && failed.outcome() instanceof CallOutcome.Threw) {
      return text + upstreamGiven(part.fixture(), failed.call());
    }
    return text;
  }

  /** The part that checks the shape of the tensor whose values {@code part} checks, if any. */
  private static Optional<Part> shapePartOf(PartResult part) {
    return part.part().shapeOnly()
        ? Optional.empty()
        : part.fixture().layer().parts().stream()
            .filter(p -> p.shapeOnly() && p.tensor().equals(part.part().tensor()))
            .findFirst();
  }

  /**
   * "backward was given dout of shape [2, 4, 7, 7], the shape [N, F, H', W'] that forward should
   * return", when the call that threw takes the upstream gradient; nothing otherwise.
   */
  private static String upstreamGiven(Fixture fixture, Member call) {
    Layer layer = fixture.layer();
    Backprop backprop = layer.contract().backprop();
    if (backprop == null || !backprop.hasUpstream() || !call.isStep()) {
      return "";
    }
    Step step = layer.contract().stepOf(call.key());
    boolean takesUpstream =
        step.arguments().stream().anyMatch(a -> backprop.upstream().equals(a.key()));
    if (!takesUpstream) {
      return "";
    }
    return String.format(
        "\n%s was given %s of shape %s, the shape %s that %s should return",
        step.method(),
        backprop.upstream(),
        fixture.input(backprop.upstream()).shape(),
        layer.output(backprop.output()).shapeInWords(),
        layer.contract().stepOf(backprop.forward()).method());
  }

  /** A line of its own naming the known mistake, or nothing when there is no diagnosis. */
  private static String likelyMistake(Diagnosis diagnosis) {
    return diagnosis == null ? "" : "\n" + likelyMistakeLine(diagnosis);
  }

  /**
   * "Likely mistake: " and the layer's words for the mistake, with the case's numbers, and how much
   * of the layer's failure it explains. A gradient that follows from forward's mistake sends the
   * student to forward's feedback, and says the reach in the same aside.
   */
  static String likelyMistakeLine(Diagnosis diagnosis) {
    if (diagnosis instanceof Diagnosis.FollowsForward follows) {
      String reach = reachClause(follows.reach());
      return LIKELY_MISTAKE
          + followsForward(follows)
          + " (see its feedback"
          + (reach.isEmpty() ? "" : "; " + reach)
          + ")";
    }
    return LIKELY_MISTAKE + mistakeWords(diagnosis) + reachWords(diagnosis.reach());
  }

  private static String followsForward(Diagnosis.FollowsForward follows) {
    Layer layer = follows.setting().layer();
    return String.format(
        "%s follows from your %s, which %s",
        follows.tensor(),
        layer.contract().stepOf(layer.contract().backprop().forward()).method(),
        follows.mistake().brief());
  }

  private static String mistakeWords(Diagnosis diagnosis) {
    if (diagnosis instanceof Diagnosis.Unfinished unfinished) {
      return unfinished(unfinished);
    }
    Shape wrongShape = diagnosis instanceof Diagnosis.ShapeExplained shape ? shape.actual() : null;
    return diagnosis
        .setting()
        .layer()
        .likelyMistake(diagnosis.mistake(), diagnosis.tensor(), wrongShape, diagnosis.setting());
  }

  /**
   * How much of its layer's failure the mistake explains, as an aside: " (explains 2 of the 9
   * failing cases: look further)" where some failing cases are left unexplained, " (explains all 9
   * failing cases)" or " (explains the one failing case)" where it is the whole cause; nothing
   * where its reach is not known.
   */
  public static String reachWords(Reach reach) {
    String clause = reachClause(reach);
    return clause.isEmpty() ? "" : " (" + clause + ")";
  }

  private static String reachClause(Reach reach) {
    if (reach == null) {
      return "";
    }
    if (reach.partial()) {
      return String.format(
          "explains %d of the %d failing cases: look further",
          reach.casesExplained(), reach.casesFailing());
    }
    return reach.casesFailing() == 1
        ? "explains the one failing case"
        : String.format("explains all %d failing cases", reach.casesFailing());
  }

  /**
   * "backward looks unfinished: dx is all zeros in every case ...": a rule of every layer, worded
   * with the layer's own names for the gradient and its input.
   */
  private static String unfinished(Diagnosis.Unfinished unfinished) {
    Layer layer = unfinished.setting().layer();
    Backprop backprop = layer.contract().backprop();
    String tensor = unfinished.tensor();
    String input = backprop.inputOf().get(tensor);
    String backward = layer.contract().stepOf(backprop.backward()).method();
    String what =
        unfinished.mistake() == UnfinishedBackward.RETURNS_ZEROS
            ? tensor + " is all zeros in every case, as an array made and never filled in is"
            : tensor + " is null in every case";
    return String.format(
        "%s looks unfinished: %s; %s is the gradient of the loss with respect to %s, which %s"
            + " computes from %s",
        backward, what, tensor, input, backward, backprop.upstream());
  }

  /** The case's sizes, so that a student can rebuild it: "This case: x [2, 3, 7, 7], ..." */
  static String caseLine(Fixture fixture) {
    return "This case: " + fixture.setting().describe();
  }

  static String describe(Verdict verdict) {
    return verdict.accept(WORDS);
  }

  /** Every kind of verdict in words: a kind without its words does not compile. */
  private static final Verdict.Visitor<String> WORDS =
      new Verdict.Visitor<>() {
        @Override
        public String passed(Verdict.Passed verdict) {
          return FeedbackWriter.passed(verdict);
        }

        @Override
        public String wrongShape(Verdict.WrongShape shape) {
          return shape
              .setting()
              .layer()
              .shouldHaveShape(shape.tensor(), shape.expected(), shape.actual(), shape.setting());
        }

        @Override
        public String irregular(Verdict.Irregular irregular) {
          return FeedbackWriter.irregular(irregular.tensor(), irregular.problem());
        }

        @Override
        public String wrongValues(Verdict.WrongValues wrong) {
          return FeedbackWriter.wrongValues(wrong.tensor(), wrong.comparison());
        }

        @Override
        public String returnedNull(Verdict.ReturnedNull none) {
          return method(none.call()) + " returned null instead of a " + none.type() + " record";
        }

        @Override
        public String callFailed(Verdict.CallFailed failed) {
          return FeedbackWriter.callFailed(method(failed.call()), failed.outcome());
        }

        @Override
        public String notImplemented(Verdict.NotImplemented stub) {
          String type = stub.threw().type();
          String message = stub.threw().message() == null ? "" : ": " + stub.threw().message();
          return method(stub.call())
              + " is not implemented yet (it threw "
              + type.substring(type.lastIndexOf('.') + 1)
              + message
              + ")";
        }

        @Override
        public String notRun(Verdict.NotRun notRun) {
          return method(notRun.call()) + " was not run because " + describe(notRun.blocker());
        }

        @Override
        public String constructorFailed(Verdict.ConstructorFailed failed) {
          return FeedbackWriter.callFailed(
              constructorCall(failed.contract(), failed.setting()), failed.outcome());
        }

        @Override
        public String missing(Verdict.Missing missing) {
          return FeedbackWriter.missing(missing);
        }

        @Override
        public String refused(Verdict.Refused refused) {
          return "not run: the course's policy forbids what your code does:"
              + refused.findings().stream()
                  .map(f -> "\n  " + f.describe())
                  .collect(Collectors.joining());
        }

        @Override
        public String classNotCompiled(Verdict.ClassNotCompiled notCompiled) {
          return "not run: "
              + notCompiled.className()
              + " does not compile, so it was left out (what else compiles is graded):\n"
              + notCompiled.error();
        }

        @Override
        public String notCompiled(Verdict.NotCompiled notCompiled) {
          return FeedbackWriter.notCompiled(notCompiled.compilation());
        }
      };

  private static String passed(Verdict.Passed passed) {
    ValueComparison comparison = passed.comparison();
    if (comparison == null) {
      return passed.tensor() + " has the right shape";
    }
    String text =
        passed.tensor()
            + " matches the reference (max relative error "
            + Numbers.error(comparison.maxError())
            + ", tolerance "
            + Numbers.tolerance(comparison.tolerance())
            + ")";
    return comparison.withinRoundOff() == 0 ? text : text + "; " + withinRoundOff(comparison);
  }

  /**
   * Why elements beyond the tolerance still pass: "2 elements near zero are beyond the tolerance by
   * no more than rounding can make of the sum in any order, and pass".
   */
  static String withinRoundOff(ValueComparison comparison) {
    int count = comparison.withinRoundOff();
    return String.format(
        "%d %s near zero %s beyond the tolerance by no more than rounding can make of the sum in"
            + " any order, and %s",
        count,
        count == 1 ? "element" : "elements",
        count == 1 ? "is" : "are",
        count == 1 ? "passes" : "pass");
  }

  static String wrongValues(String tensor, ValueComparison c) {
    if (c.worstIndex().length == 0) {
      return scalarWrong(tensor, c);
    }
    StringBuilder text =
        new StringBuilder(
            String.format(
                "%s is wrong: %d of %d %s from the reference by more than the tolerance %s.\n"
                    + "Worst at %s%s: expected %s, but was %s (relative error %s)",
                tensor,
                c.elementsOff(),
                c.elements(),
                c.elementsOff() == 1 ? "elements differs" : "elements differ",
                Numbers.tolerance(c.tolerance()),
                tensor,
                Shape.format(c.worstIndex()),
                Numbers.value(c.expectedAtWorst()),
                Numbers.value(c.actualAtWorst()),
                Numbers.error(c.maxError())));
    if (c.nonFinite() > 0) {
      text.append(
          String.format("\n%d of them are NaN or infinite, which never passes", c.nonFinite()));
    }
    return text.toString();
  }

  /**
   * A scalar's (a loss's) wrong value, as one number: "loss should be 5.22002054, but was NaN,
   * which never passes".
   */
  private static String scalarWrong(String tensor, ValueComparison c) {
    String text =
        String.format(
            "%s should be %s, but was %s",
            tensor, Numbers.value(c.expectedAtWorst()), Numbers.value(c.actualAtWorst()));
    if (c.nonFinite() > 0) {
      return text + ", which never passes";
    }
    return text
        + String.format(
            " (relative error %s, tolerance %s)",
            Numbers.error(c.maxError()), Numbers.tolerance(c.tolerance()));
  }

  private static String irregular(String tensor, NestedArray problem) {
    if (problem instanceof NestedArray.NullAt at) {
      return at.where().equals(tensor)
          ? tensor + " is null"
          : at.where() + " is null: " + tensor + " must be a full rectangular array";
    } else if (problem instanceof NestedArray.Ragged ragged) {
      return String.format(
          "%s has length %d, but %s has length %d: %s must be a rectangular array",
          ragged.where(), ragged.length(), ragged.first(), ragged.expected(), tensor);
    }
    return tensor + " is irregular";
  }

  private static String callFailed(String call, CallOutcome<?> outcome) {
    if (outcome instanceof CallOutcome.Threw<?> threw) {
      return threw(call, threw);
    } else if (outcome instanceof CallOutcome.Exited<?> exited) {
      return exited(call, exited);
    } else if (outcome instanceof CallOutcome.OutOfTime<?> outOfTime) {
      String limit =
          " its total time limit of "
              + Numbers.seconds(outOfTime.limit())
              + " of CPU time (all its cases together)";
      return outOfTime.started()
          ? call + " was stopped: the submission used up" + limit
          : "not run: the submission had used up" + limit + " before this case";
    } else if (outcome instanceof CallOutcome.TimedOut<?> timedOut) {
      return timedOut.wallClock()
          ? call
              + " did not return within "
              + Numbers.seconds(timedOut.limit())
              + " and was stopped; it used only "
              + Numbers.seconds(timedOut.cpuUsed())
              + " of CPU time, so it was waiting or sleeping"
          : call
              + " used "
              + Numbers.seconds(timedOut.limit())
              + " of CPU time without returning and was stopped";
    } else if (outcome instanceof CallOutcome.OutOfMemory<?> memory) {
      return call
          + " used more than "
          + Numbers.mebibytes(memory.limitBytes())
          + " of memory, heap and native memory together, and was stopped (the limit is "
          + Numbers.mebibytes(memory.limitBytes())
          + ", of which the Java heap may take "
          + Numbers.mebibytes(memory.heapBytes())
          + "): every case fits in a few megabytes, so look for memory allocated outside the"
          + " heap (direct buffers, Unsafe, threads) or files written to /tmp";
    } else if (outcome instanceof CallOutcome.Oversized<?> oversized) {
      return call
          + " returned more than "
          + oversized.limit()
          + " values, far more than any case needs; the grader stopped reading them";
    } else if (outcome instanceof CallOutcome.ChildDied<?> died) {
      return "the JVM running your code ended during "
          + call
          + (died.exitCode() == null ? "" : " (exit status " + died.exitCode() + ")")
          + ": it crashed or was killed from outside, e.g. by the system for lack of memory";
    } else if (outcome instanceof CallOutcome.Skipped<?> skipped) {
      return call + " was not run: " + memberName(skipped.after()) + " did not complete";
    } else if (outcome instanceof CallOutcome.Unavailable<?> unavailable) {
      return call + " was not called: " + memberName(unavailable.missing()) + " is missing";
    }
    return call + " returned";
  }

  private static String threw(String call, CallOutcome.Threw<?> threw) {
    String message = threw.message() == null ? "" : ": " + threw.message();
    String frames = frames(threw.frames());
    return switch (threw.type()) {
      case "java.lang.StackOverflowError" ->
          call
              + " overflowed the stack (java.lang.StackOverflowError): a recursion that does not"
              + " stop, or goes far deeper than a case needs"
              + frames;
      case "java.lang.OutOfMemoryError" ->
          call
              + " ran out of memory (java.lang.OutOfMemoryError"
              + message
              + "): every case fits in a few megabytes, so look for an array sized by a wrong"
              + " formula, or one that keeps growing"
              + frames;
      default -> call + " threw " + threw.type() + message + frames;
    };
  }

  private static String exited(String call, CallOutcome.Exited<?> exited) {
    String status = exited.status() == null ? "..." : exited.status().toString();
    return "your code called "
        + exited.how()
        + "("
        + status
        + ") during "
        + call
        + ", which ends the JVM that grades it; throw an exception to report a problem instead"
        + frames(exited.frames());
  }

  private static String frames(List<String> frames) {
    return frames.stream().map(f -> "\n    at " + f).collect(Collectors.joining());
  }

  private static String missing(Verdict.Missing missing) {
    LayerContract contract = missing.contract();
    String type = contract.className();
    if (missing.member().equals(Member.CLASS)) {
      return missing.found() + ": the submission must declare " + declarationOf(type);
    }
    if (missing.member().equals(Member.CONSTRUCTOR)) {
      return type
          + " has no constructor "
          + contract.constructorSignature()
          + "; found: "
          + missing.found();
    }
    return type
        + " has no method "
        + contract.stepOf(missing.member().key()).signature()
        + "; found: "
        + missing.found();
  }

  private static String notCompiled(Compilation compilation) {
    if (compilation instanceof Compilation.NoSources none) {
      return "not graded: " + none.reason();
    } else if (compilation instanceof Compilation.Failed failed) {
      return "not graded: the submission does not compile:\n" + firstLines(failed.diagnostics(), 3);
    }
    return "compiled";
  }

  /** The start of a long text, with a note of how much was left out. */
  static String firstLines(String text, int count) {
    List<String> lines = text.lines().toList();
    if (lines.size() <= count) {
      return text;
    }
    return String.join("\n", lines.subList(0, count))
        + "\n("
        + (lines.size() - count)
        + " more lines in the compiler's output at the top of the results)";
  }

  /** "public class Conv2d in package cnn", for the class name cnn.Conv2d. */
  private static String declarationOf(String className) {
    int dot = className.lastIndexOf('.');
    String simple = className.substring(dot + 1);
    return "public class " + simple + (dot < 0 ? "" : " in package " + className.substring(0, dot));
  }

  private static String method(Member member) {
    return member.key();
  }

  private static String memberName(Member member) {
    if (member.equals(Member.CLASS)) {
      return "the class";
    }
    return member.equals(Member.CONSTRUCTOR) ? "the constructor" : member.key();
  }

  /** "new Conv2d(2, 1)": the constructor as the case calls it. */
  private static String constructorCall(LayerContract contract, Setting setting) {
    return "new "
        + contract.simpleName()
        + contract.constructor().stream()
            .map(
                a ->
                    switch (a.source()) {
                      case CONSTANT -> String.valueOf(a.constant());
                      case SIZE -> String.valueOf(setting.shape(a.key()).dim(a.axis()));
                      default -> String.valueOf(setting.params().values().get(a.key()));
                    })
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /**
   * The text at the top of a submission's results: score, compiler notes and errors, captured
   * output.
   */
  public static String summary(SubmissionResult result) {
    return summary(result, HiddenCases.AFTER_PUBLISHING);
  }

  /** How a platform shows students the hidden cases' results, in the summary's words. */
  public enum HiddenCases {
    /** Gradescope: hidden tests appear once grades are published. */
    AFTER_PUBLISHING("their results appear when grades are published"),
    /** PrairieLearn: one test per layer gives their points, nothing of their inputs. */
    AS_POINTS_ONLY(
        "their points are in each layer's \"hidden cases\" test, their inputs stay hidden");

    private final String words;

    HiddenCases(String words) {
      this.words = words;
    }
  }

  /** The summary, saying of the hidden cases what {@code hidden} says the platform shows. */
  public static String summary(SubmissionResult result, HiddenCases hidden) {
    StringBuilder text = new StringBuilder();
    List<PartResult> visible = result.parts(Visibility.PUBLIC);
    long hiddenCases =
        // Case names are unique within a layer only.
        result.parts(Visibility.HIDDEN).stream()
            .map(p -> p.fixture().layer().id() + "/" + p.fixture().name())
            .distinct()
            .count();
    text.append(
        String.format(
            "%s: %s / %s (%d of %d parts passed)%n",
            hiddenCases == 0 ? "Score" : "Public cases",
            Numbers.points(Points.total(visible.stream().mapToDouble(PartResult::score))),
            Numbers.points(visible.stream().mapToDouble(PartResult::maxScore).sum()),
            visible.stream().filter(PartResult::passed).count(),
            visible.size()));
    if (hiddenCases > 0) {
      text.append(
          String.format("Hidden cases: %d more, graded too; %s.%n", hiddenCases, hidden.words));
    }
    result
        .compilation()
        .ifPresent(
            compilation -> {
              for (String note : compilation.notes()) {
                text.append("Note: ").append(note).append('\n');
              }
              if (compilation instanceof Compilation.Failed failed) {
                text.append("The submission does not compile:\n")
                    .append(failed.diagnostics())
                    .append('\n');
              } else if (compilation instanceof Compilation.NoSources none) {
                text.append("Nothing was graded: ").append(none.reason()).append('\n');
              }
            });
    result
        .inspection()
        .ifPresent(
            inspection -> {
              for (Finding finding : inspection.zeroing()) {
                text.append("Static check: ")
                    .append(finding.describe())
                    .append(" (the course's policy forbids this: nothing was run)\n");
              }
              for (Finding finding : inspection.warnings()) {
                text.append("Static check: ")
                    .append(finding.describe())
                    .append(" (a warning; it costs no points)\n");
              }
            });
    if (!result.output().isEmpty()) {
      text.append("Your code printed:\n").append(result.output().text());
      if (!result.output().text().endsWith("\n")) {
        text.append('\n');
      }
      if (result.output().discardedBytes() > 0) {
        text.append(Excerpt.notice(result.output().discardedBytes(), "bytes of output"))
            .append('\n');
      }
    }
    // Findings of the static check are one line each, as many as the submission makes.
    return Excerpt.cut(text.toString().replace("\r\n", "\n"), Excerpt.SUMMARY);
  }

  /**
   * One line for the TA's table: why nothing ran, else the first part that failed; empty when every
   * part passed.
   */
  public static Optional<String> headline(SubmissionResult result) {
    return headline(result, result.parts());
  }

  /**
   * The same line for the parts of one visibility only, e.g. the public parts a student may see;
   * why nothing ran concerns every part.
   */
  public static Optional<String> headline(SubmissionResult result, Visibility visibility) {
    return headline(result, result.parts(visibility));
  }

  private static Optional<String> headline(SubmissionResult result, List<PartResult> parts) {
    // One line in a table row: a message's whole bound would be a page.
    return firstProblem(result, parts).map(line -> Excerpt.cut(line, Excerpt.MESSAGE));
  }

  private static Optional<String> firstProblem(SubmissionResult result, List<PartResult> parts) {
    Optional<Compilation> compilation = result.compilation();
    if (compilation.isPresent() && compilation.get() instanceof Compilation.NoSources none) {
      return Optional.of(none.reason());
    }
    if (compilation.isPresent() && compilation.get() instanceof Compilation.Failed failed) {
      return Optional.of(
          "does not compile: " + failed.diagnostics().lines().findFirst().orElse(""));
    }
    if (result.inspection().isPresent() && result.inspection().get().zeroes()) {
      return Optional.of(
          "not run (policy): " + result.inspection().get().zeroing().get(0).describe());
    }
    // The first known mistake tells the most: a TA's table shows it, one per submission.
    for (PartResult part : parts) {
      Optional<String> mistake = part.passed() ? Optional.empty() : rootMistake(part);
      if (mistake.isPresent()) {
        return Optional.of(part.name() + ": likely mistake: " + mistake.get());
      }
    }
    return parts.stream()
        .filter(p -> !p.passed())
        .findFirst()
        .map(p -> p.name() + ": " + firstLine(describe(p)));
  }

  /**
   * The known mistake that explains a failing part, in brief and naming the step that makes it
   * ({@code forward ignores the padding}); none when nothing explains it, or when it only follows
   * from another step's mistake.
   */
  static Optional<String> rootMistake(PartResult part) {
    Diagnosis diagnosis = LikelyMistakes.diagnosisOf(part).orElse(null);
    if (diagnosis == null || diagnosis instanceof Diagnosis.FollowsForward) {
      return Optional.empty();
    }
    Layer layer = diagnosis.setting().layer();
    return Optional.of(
        layer.stepOf(diagnosis.tensor()).method() + " " + diagnosis.mistake().brief());
  }

  /** A text's first line, without the colon that announces the lines after it. */
  private static String firstLine(String text) {
    String line = text.lines().findFirst().orElse("");
    return line.endsWith(":") ? line.substring(0, line.length() - 1) : line;
  }

  public static String points(double points) {
    return Numbers.points(points);
  }
}
