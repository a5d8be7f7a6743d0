package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Callable;
import org.cnngrader.fixture.Assignment;
import org.cnngrader.layer.Layer;
import org.cnngrader.template.JavaSource;
import org.cnngrader.template.StudentTemplate;
import org.cnngrader.template.TemplateException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code grader template --out DIR}: the students' classes, written from the layers' descriptions.
 */
@Command(
    name = "template",
    mixinStandardHelpOptions = true,
    description = {
      "Writes the student classes of the assignment's layers from their descriptions alone: each"
          + " layer's class with its constructor and methods, each method throwing"
          + " UnsupportedOperationException until the student writes it, the records the methods"
          + " return or take, and Javadoc in the description's words (the shapes, the output"
          + " sizes, what each method returns and what must be called first).",
      "The files go below DIR/src/main/java/, one per class and record (cnn/Affine.java), as in"
          + " the student template. A file that exists is never replaced: the command then writes"
          + " nothing and exits 2, naming it."
    })
final class TemplateCommand implements Callable<Integer>, GraderCommand.HomeAware {

  /** Where the classes go below --out: Maven's source folder, as in the student template. */
  static final String SOURCE_ROOT = "src/main/java";

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The folder to write into; created if missing.")
  Path out;

  @Option(
      names = "--fixtures",
      paramLabel = "DIR",
      description =
          "Fixtures root whose assignment.json names the layers. Default: the repository's.")
  Path fixtures;

  @Option(
      names = "--layers",
      paramLabel = "IDS",
      split = ",",
      description =
          "The layers whose classes to write, comma-separated (conv2d,maxpool2d): the"
              + " assignment's, or any other the fixtures root describes. Default: those the"
              + " fixtures' assignment.json names.")
  List<String> layers;

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
          if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException("--out " + out + " is a file, not a folder");
          }
          List<Layer> chosen =
              FixtureRoots.assignment(FixtureRoots.existing(fixtures, home), layers)
                  .layers()
                  .stream()
                  .map(Assignment.Entry::layer)
                  .toList();
          List<JavaSource> sources;
          try {
            sources = StudentTemplate.of(chosen);
          } catch (TemplateException e) {
            throw new UsageException(e.getMessage());
          }
          Path root = out.resolve(SOURCE_ROOT);
          PrintWriter err = spec.commandLine().getErr();
          List<Path> existing =
              sources.stream().map(s -> root.resolve(s.path())).filter(Files::exists).toList();
          if (!existing.isEmpty()) {
            existing.forEach(file -> err.println("grader: " + file + " exists"));
            err.println(
                "grader: the template never replaces a file; nothing was written to "
                    + out
                    + " (move those away, or choose another --out)");
            return ExitCode.USAGE;
          }
          for (JavaSource source : sources) {
            write(root.resolve(source.path()), source.text());
          }
          PrintWriter stdout = spec.commandLine().getOut();
          int records = sources.size() - chosen.size();
          stdout.printf(
              "Wrote %d files below %s: the classes of %s, and %d record%s.%n",
              sources.size(),
              root,
              String.join(", ", chosen.stream().map(Layer::id).toList()),
              records,
              records == 1 ? "" : "s");
          sources.forEach(source -> stdout.println("  " + source.path()));
          return ExitCode.OK;
        });
  }

  /** Writes a new file: one that appeared since the check is not replaced either. */
  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      throw new UsageException("cannot write " + file + ": " + e);
    }
  }
}
