package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.cnngrader.feedback.FeedbackWriter;
import org.cnngrader.layer.Layer;
import org.cnngrader.layer.Part;
import org.cnngrader.layers.LayerCatalog;
import org.cnngrader.layers.Layers;
import org.cnngrader.layers.described.FileLayer;
import org.cnngrader.layers.described.LayerDescription;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code grader layers list|describe}: the layers a fixtures root knows, and their descriptions.
 */
@Command(
    name = "layers",
    mixinStandardHelpOptions = true,
    description = "Lists the layers of a fixtures root, or writes one as a layer description file.",
    subcommands = {LayersCommand.ListLayers.class, LayersCommand.Describe.class})
final class LayersCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("grader: missing command (list or describe)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  /** The --fixtures option both subcommands share. */
  static final class Root {
    @Option(
        names = "--fixtures",
        paramLabel = "DIR",
        description =
            "Fixtures root whose layers to read: the built-ins and every <id>/layer.json below it."
                + " Default: fixtures/.")
    Path fixtures;

    LayerCatalog catalog(Path home) {
      return Layers.in(FixtureRoots.existing(fixtures, home));
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Prints each layer of the fixtures root, a line each: its id, its student class, where it"
              + " is described (built into the grader, or its layer.json), and its parts with the"
              + " points each has in a case.")
  static final class ListLayers implements Callable<Integer>, GraderCommand.HomeAware {

    @CommandLine.Mixin Root root;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private Path home;

    @Override
    public void home(Path home) {
      this.home = home;
    }

    @Override
    public Integer call() {
      return Guarded.run(
          spec,
          () -> {
            PrintWriter out = spec.commandLine().getOut();
            for (Layer layer : root.catalog(home).all()) {
              out.println(line(layer));
            }
            return ExitCode.OK;
          });
    }

    /**
     * "conv2d cnn.Conv2d built-in: forward_shape 1, forward 2, dx 2, dw 2, db 1 (8 points a case)".
     */
    static String line(Layer layer) {
      String from = layer instanceof FileLayer file ? file.file().toString() : "built-in";
      String parts =
          layer.parts().stream()
              .map(p -> p.key() + " " + FeedbackWriter.points(p.defaultPoints()))
              .collect(Collectors.joining(", "));
      double total = layer.parts().stream().mapToDouble(Part::defaultPoints).sum();
      return layer.id()
          + " "
          + layer.contract().className()
          + " "
          + from
          + ": "
          + parts
          + " ("
          + FeedbackWriter.points(total)
          + " points a case)";
    }
  }

  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description =
          "Writes the layer ID, built-in or described, as a layer description file (layer.json,"
              + " fixtures/layer.schema.json) that reads back into the same contract, parameters,"
              + " tensors, parts and mistakes. A built-in layer's mistakes get sentences built from"
              + " their briefs: its own words take the case's numbers, which a file states with"
              + " placeholders.")
  static final class Describe implements Callable<Integer>, GraderCommand.HomeAware {

    @Parameters(paramLabel = "ID", description = "The layer: conv2d, maxpool2d, ...")
    String id;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Where to write the description. Default: standard output.")
    Path out;

    @CommandLine.Mixin Root root;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private Path home;

    @Override
    public void home(Path home) {
      this.home = home;
    }

    @Override
    public Integer call() {
      return Guarded.run(
          spec,
          () -> {
            LayerCatalog catalog = root.catalog(home);
            Layer layer =
                catalog
                    .byId(id)
                    .orElseThrow(
                        () ->
                            new UsageException(
                                "no layer " + id + "; the layers are " + catalog.ids()));
            String text = LayerDescription.text(layer);
            if (out == null) {
              spec.commandLine().getOut().print(text);
              return ExitCode.OK;
            }
            try {
              Path parent = out.toAbsolutePath().getParent();
              if (parent != null) {
                Files.createDirectories(parent);
              }
              Files.writeString(out, text);
            } catch (IOException e) {
              throw new UsageException("cannot write " + out + ": " + e.getMessage());
            }
            spec.commandLine().getOut().println("wrote " + out);
            return ExitCode.OK;
          });
    }
  }
}
