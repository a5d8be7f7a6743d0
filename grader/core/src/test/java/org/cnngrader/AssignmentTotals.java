package org.cnngrader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureSet;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.conv2d.Conv2dLayer;

/**
 * What the tests expect a grading of the repository's assignment to add up to: points, parts and
 * cases, whole, per layer and per visibility, summed here from the fixtures' own parts and points,
 * so that a layer or a case the assignment gains changes no test. It sums the fixtures' per-part
 * points itself rather than asking the set or a result for a total, so that a test that compares a
 * total the grader prints with one of these can fail.
 */
public record AssignmentTotals(List<Fixture> fixtures) {

  public AssignmentTotals {
    fixtures = List.copyOf(fixtures);
  }

  /** The totals of the repository's {@code fixtures/}, as {@code assignment.json} weighs them. */
  public static AssignmentTotals repository() {
    return of(TestRepository.fixtures());
  }

  public static AssignmentTotals of(FixtureSet set) {
    return new AssignmentTotals(set.fixtures());
  }

  /** The public or the hidden cases alone. */
  public AssignmentTotals only(Visibility visibility) {
    return new AssignmentTotals(
        fixtures.stream().filter(f -> f.visibility() == visibility).toList());
  }

  /** One layer's cases, by its id ({@code conv2d}). */
  public AssignmentTotals layer(String id) {
    List<Fixture> of = fixtures.stream().filter(f -> f.layer().id().equals(id)).toList();
    if (of.isEmpty()) {
      throw new IllegalArgumentException("no case of a layer " + id + " in the fixtures");
    }
    return new AssignmentTotals(of);
  }

  /** The layers, in the assignment's order. */
  public List<Layer> layers() {
    return fixtures.stream().map(Fixture::layer).distinct().toList();
  }

  /** The layers' ids, in the assignment's order. */
  public List<String> layerIds() {
    return layers().stream().map(Layer::id).toList();
  }

  public double points() {
    return fixtures.stream()
        .flatMap(f -> f.points().values().stream())
        .mapToDouble(Double::doubleValue)
        .sum();
  }

  /** The points as the reports print them ({@code 510}, {@code 37.5}). */
  public String pointsText() {
    return FeedbackWriter.points(points());
  }

  /** Each layer's title and points, "Conv2d 104, MaxPool2d 55", as the Classroom workflow sends. */
  public String titledPoints() {
    return layers().stream()
        .map(l -> l.title() + " " + layer(l.id()).pointsText())
        .collect(Collectors.joining(", "));
  }

  /** The points left after losing {@code lost}, as the reports print them. */
  public String pointsTextLosing(Lost lost) {
    return FeedbackWriter.points(points() - lost.points());
  }

  public int parts() {
    return fixtures.stream().mapToInt(f -> f.points().size()).sum();
  }

  public int cases() {
    return fixtures.size();
  }

  /**
   * What the example {@code mistake-bias-missing}, a Conv2d that never adds its bias, loses here:
   * the forward values of every Conv2d case whose bias is not all zeros (its gradients are right,
   * since the bias does not enter them).
   */
  public Lost lostToAMissingBias() {
    int parts = 0;
    double points = 0;
    for (Fixture fixture : fixtures) {
      if (biased(fixture)) {
        parts++;
        points += fixture.points(Conv2dLayer.FORWARD);
      }
    }
    return new Lost(parts, points);
  }

  /**
   * The grade table's columns after the score, "208/208 110/110 ... 328/328": each layer's points
   * of its maximum, then the parts passed of all, joined by {@code separator} (a regular
   * expression's {@code \\s+}, say), for a grading that lost nothing.
   */
  public String columns(String separator) {
    return columns(separator, id -> layer(id).points(), parts());
  }

  /** The same columns for a grading that lost {@code lost} in the layer {@code layerId} alone. */
  public String columns(String separator, String layerId, Lost lost) {
    return columns(
        separator,
        id -> layer(id).points() - (id.equals(layerId) ? lost.points() : 0),
        parts() - lost.parts());
  }

  /** The same columns for a grading that earned nothing. */
  public String zeroColumns(String separator) {
    return columns(separator, id -> 0, 0);
  }

  private String columns(String separator, ToDoubleFunction<String> earned, int partsPassed) {
    List<String> columns = new ArrayList<>();
    for (String id : layerIds()) {
      columns.add(FeedbackWriter.points(earned.applyAsDouble(id)) + "/" + layer(id).pointsText());
    }
    columns.add(partsPassed + "/" + parts());
    return String.join(separator, columns);
  }

  /**
   * The gradebook's score columns, "score,max_score,public_score,hidden_score,", of a grading that
   * earned every point, or of {@code mistake-bias-missing}'s when {@code withoutBias}.
   */
  public String gradebookScores(boolean withoutBias) {
    List<String> columns = new ArrayList<>();
    columns.add(withoutBias ? pointsTextLosing(lostToAMissingBias()) : pointsText());
    columns.add(pointsText());
    for (Visibility visibility : Visibility.values()) {
      AssignmentTotals cases = only(visibility);
      columns.add(
          withoutBias ? cases.pointsTextLosing(cases.lostToAMissingBias()) : cases.pointsText());
    }
    return String.join(",", columns) + ",";
  }

  /** Whether {@code fixture} is a Conv2d case whose bias is not all zeros. */
  public static boolean biased(Fixture fixture) {
    return fixture.layer().equals(Conv2dLayer.LAYER)
        && Arrays.stream(fixture.input("b").data()).anyMatch(b -> b != 0);
  }

  /** Parts failed and the points they were worth. */
  public record Lost(int parts, double points) {}
}
