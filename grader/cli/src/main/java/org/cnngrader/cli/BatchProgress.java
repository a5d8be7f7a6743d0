package org.cnngrader.cli;

import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.grading.SubmissionResult;
import org.cnngrader.report.SummaryTable;

/**
 * How a batch reports its progress: on a terminal, a bar with counts, rate and time left; otherwise
 * (piped, in CI) one plain line per submission as it is graded.
 */
abstract class BatchProgress implements AutoCloseable {

  /** The progress fitting where the grader's output goes. */
  // On JDK 17, which the grader targets, System.console() is null unless stdin and stdout are a
  // terminal.
  @SuppressWarnings("SystemConsoleNull")
  static BatchProgress start(int total, PrintWriter out) {
    return System.console() != null && total > 1 ? new Bar(total) : new Lines(total, out);
  }

  abstract void graded(SubmissionResult result);

  abstract void failed(String id);

  @Override
  public abstract void close();

  /** A progress bar on stderr, which the table on stdout follows once it is done. */
  private static final class Bar extends BatchProgress {
    private final ProgressBar bar;

    Bar(int total) {
      this.bar =
          new ProgressBarBuilder()
              .setTaskName("Grading")
              .setInitialMax(total)
              .setStyle(ProgressBarStyle.ASCII)
              .setUnit(" submissions", 1)
              .showSpeed()
              .build();
    }

    @Override
    synchronized void graded(SubmissionResult result) {
      bar.step();
    }

    @Override
    synchronized void failed(String id) {
      bar.step();
    }

    @Override
    public void close() {
      bar.close();
    }
  }

  /** One line per submission, numbered, for logs. */
  private static final class Lines extends BatchProgress {
    private final int total;
    private final PrintWriter out;
    private int done;

    Lines(int total, PrintWriter out) {
      this.total = total;
      this.out = out;
    }

    @Override
    synchronized void graded(SubmissionResult result) {
      done++;
      if (result.noCode()) {
        out.println(
            SummaryTable.printable(
                String.format(
                    Locale.ROOT,
                    "[%d/%d] %s: no code, no grade (see stderr)",
                    done,
                    total,
                    result.id())));
        out.flush();
        return;
      }
      out.println(
          SummaryTable.printable(
              String.format(
                  Locale.ROOT,
                  "[%d/%d] %s: %s of %s in %.1f s",
                  done,
                  total,
                  result.id(),
                  FeedbackWriter.points(result.score()),
                  FeedbackWriter.points(result.maxScore()),
                  result.elapsed().toMillis() / 1000.0)));
      out.flush();
    }

    @Override
    synchronized void failed(String id) {
      done++;
      out.println(
          SummaryTable.printable(
              String.format(Locale.ROOT, "[%d/%d] %s: not graded (see stderr)", done, total, id)));
      out.flush();
    }

    @Override
    public void close() {
      out.flush();
    }
  }
}
