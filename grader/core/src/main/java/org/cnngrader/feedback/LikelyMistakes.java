package org.cnngrader.feedback;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cnngrader.diagnosis.Diagnosis;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.Points;
import org.cnngrader.grading.Verdict;
import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Layer;

/**
 * The known mistakes behind a submission's failing parts, each once, with what it cost: the parts
 * it explains (those whose values follow from it included) and the points they lost. In the order
 * the parts come, so a forward mistake comes before the backward parts that follow from it.
 */
public final class LikelyMistakes {

  /**
   * One mistake and its cost.
   *
   * @param layer the layer that makes it
   * @param mistake the mistake
   * @param words "Conv2d's forward ignores the padding"
   * @param parts how many parts it explains
   * @param points the points those parts lost
   */
  public record Tally(Layer layer, KnownMistake mistake, String words, int parts, double points) {}

  private LikelyMistakes() {}

  public static List<Tally> of(List<PartResult> parts) {
    Map<List<Object>, List<PartResult>> byMistake = new LinkedHashMap<>();
    Map<List<Object>, String> words = new LinkedHashMap<>();
    for (PartResult part : parts) {
      Optional<Diagnosis> diagnosis = part.passed() ? Optional.empty() : diagnosisOf(part);
      if (diagnosis.isEmpty()) {
        continue;
      }
      Layer layer = diagnosis.get().setting().layer();
      KnownMistake mistake = diagnosis.get().mistake();
      List<Object> key = List.of(layer.id(), mistake.key());
      byMistake.computeIfAbsent(key, k -> new ArrayList<>()).add(part);
      if (!(diagnosis.get() instanceof Diagnosis.FollowsForward)) {
        words.putIfAbsent(
            key,
            layer.title()
                + "'s "
                + layer.stepOf(diagnosis.get().tensor()).method()
                + " "
                + mistake.brief());
      }
    }
    List<Tally> tallies = new ArrayList<>();
    byMistake.forEach(
        (key, explained) -> {
          Diagnosis first = diagnosisOf(explained.get(0)).orElseThrow();
          Layer layer = first.setting().layer();
          tallies.add(
              new Tally(
                  layer,
                  first.mistake(),
                  words.getOrDefault(key, layer.title() + " " + first.mistake().brief())
                      + (first.reach() != null && first.reach().partial()
                          ? FeedbackWriter.reachWords(first.reach())
                          : ""),
                  explained.size(),
                  Points.total(explained.stream().mapToDouble(p -> p.maxScore() - p.score()))));
        });
    return tallies;
  }

  /** The diagnosis of a part's verdict, if its values or shape are explained by a mistake. */
  public static Optional<Diagnosis> diagnosisOf(PartResult part) {
    return Verdict.diagnosisOf(part.verdict());
  }
}
