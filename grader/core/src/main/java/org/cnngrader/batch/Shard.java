package org.cnngrader.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cnngrader.intake.Submissions;

/**
 * A deterministic share of a batch: {@code --shard I/N} (I in 1..N, as GitLab's CI_NODE_INDEX and
 * CI_NODE_TOTAL) takes the submissions at positions I-1, I-1+N, ... of the batch sorted by id, so
 * that N jobs given the same inputs grade every submission exactly once.
 */
public record Shard(int index, int total) {

  public static final Shard ALL = new Shard(1, 1);

  private static final Pattern FORM = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

  /**
   * @throws IllegalArgumentException when I is not in 1..N; its message begins "must be"
   */
  public Shard {
    if (total < 1 || index < 1 || index > total) {
      throw new IllegalArgumentException(
          "must be I/N with 1 <= I <= N, found " + index + "/" + total);
    }
  }

  /**
   * The shard {@code text} ("2/4") names.
   *
   * @throws IllegalArgumentException when it names none; its message begins "must be"
   */
  public static Shard parse(String text) {
    Matcher matcher = FORM.matcher(text == null ? "" : text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("must be I/N, e.g. 1/4, found '" + text + "'");
    }
    return new Shard(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)));
  }

  /** This shard's submissions, in id order. */
  public List<Submissions.Submission> of(List<Submissions.Submission> all) {
    List<Submissions.Submission> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparing(Submissions.Submission::id));
    List<Submissions.Submission> mine = new ArrayList<>();
    for (int position = index - 1; position < sorted.size(); position += total) {
      mine.add(sorted.get(position));
    }
    return mine;
  }

  @Override
  public String toString() {
    return index + "/" + total;
  }
}
