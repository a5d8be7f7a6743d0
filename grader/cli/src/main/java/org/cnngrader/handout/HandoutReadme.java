package org.cnngrader.handout;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.described.FileLayer;
import org.cnngrader.template.JavaSource;
import org.cnngrader.template.StudentTemplate;

/**
 * The handout's README.md: the resource's text, with the assignment's layers in its opening
 * sentence and in its table of what to edit. A built-in layer has its own words there; a described
 * layer gets its description's summary and the records its template holds.
 */
final class HandoutReadme {

  private static final String ASSIGNED = "{{assigned}}";
  private static final String WHAT_TO_EDIT = "{{what-to-edit}}";

  /** The built-in layers' rows, by id, in the words of their hand-written template. */
  private static final Map<String, String> BUILT_IN_ROWS =
      Map.of(
          "conv2d",
          "Its Javadoc states the shapes, what `forward` and `backward` compute and how the output"
              + " size follows from stride and padding.",
          "maxpool2d",
          "Its Javadoc states what a window is, how the output size follows from the window and the"
              + " stride, and where `backward` sends the gradient.",
          "spatial_batchnorm",
          "Its Javadoc states what each channel's mean and variance cover, how the running"
              + " statistics are kept, what test mode does and the three terms of dx.",
          "spatial_groupnorm",
          "Its Javadoc states what each group's mean and variance cover and the three terms of dx.");

  /** The built-in layers' records, which every handout's template holds. */
  private static final String BUILT_IN_RECORDS =
      "| `src/main/java/cnn/Gradients.java`, `src/main/java/cnn/NormGradients.java` | leave as they"
          + " are: `Conv2d.backward` returns a `Gradients`, the normalizations' `backward` a"
          + " `NormGradients`. |";

  private HandoutReadme() {}

  /** The README for an assignment of {@code layers}, from the resource's {@code text}. */
  static String render(String text, List<Layer> layers) {
    if (!text.contains(ASSIGNED) || !text.contains(WHAT_TO_EDIT)) {
      throw new IllegalStateException(
          "the handout's README lacks " + ASSIGNED + " or " + WHAT_TO_EDIT);
    }
    return text.replace(ASSIGNED, assigned(layers)).replace(WHAT_TO_EDIT, rows(layers));
  }

  /**
   * "Implement these layers of a convolutional network, forward and backward, in plain Java: ..."
   */
  private static String assigned(List<Layer> layers) {
    List<String> classes = layers.stream().map(l -> "`" + l.contract().className() + "`").toList();
    String listed =
        classes.size() == 1
            ? classes.get(0)
            : String.join(", ", classes.subList(0, classes.size() - 1))
                + " and "
                + classes.get(classes.size() - 1);
    return (layers.size() == 1 ? "Implement this layer" : "Implement these layers")
        + " of a convolutional network, forward and backward, in plain Java: "
        + listed
        + ".";
  }

  private static String rows(List<Layer> layers) {
    List<String> rows = new ArrayList<>();
    Set<String> records = new LinkedHashSet<>();
    boolean builtIn = false;
    for (Layer layer : layers) {
      String words = BUILT_IN_ROWS.get(layer.id());
      if (layer instanceof FileLayer described) {
        words =
            described.summary() + " Its Javadoc states the shapes and what each method returns.";
        for (JavaSource source : StudentTemplate.of(List.of(layer))) {
          if (!source.simpleName().equals(layer.title())) {
            records.add(source.path());
          }
        }
      } else {
        builtIn = true;
      }
      rows.add(
          String.format(
              "| `src/main/java/%s.java` | **your work**: replace each `throw new"
                  + " UnsupportedOperationException(...)` line with your code. %s |",
              layer.contract().className().replace('.', '/'),
              words == null ? "Its Javadoc states what each method computes." : words));
    }
    if (builtIn) {
      rows.add(BUILT_IN_RECORDS);
    }
    for (String record : records) {
      rows.add(
          String.format(
              "| `src/main/java/%s` | leave as it is: a record the layers above take or return. |",
              record));
    }
    return String.join("\n", rows);
  }
}
