package org.cnngrader.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cnngrader.fixture.FixtureFiles;
import org.cnngrader.fixture.Visibility;
import org.cnngrader.layer.Layer;
import org.cnngrader.layers.Layers;
import org.cnngrader.resources.ChildBudget;
import org.cnngrader.resources.ResourceBound;
import org.cnngrader.sandbox.Isolation;
import org.cnngrader.sandbox.OtherUser;
import org.cnngrader.sandbox.Sandbox;
import org.cnngrader.sandbox.SandboxChoice;
import org.cnngrader.sandbox.SandboxLevel;
import org.cnngrader.sandbox.SandboxUnavailableException;
import org.cnngrader.sandbox.Sandboxes;

/**
 * Picks the sandbox for a grading run and keeps the run's secrets from student code: at level 2 it
 * takes other users' access from the hidden fixtures, the grader's folder, the output folder and
 * the secrets named on the command line (other copies of the fixtures, such as those PrairieLearn
 * puts in its job folder); at every level it checks what stayed readable, warns on stderr, and with
 * {@code --strict} refuses to grade hidden fixtures or secrets that student code could read.
 */
final class IsolationSetup {

  /** The sandbox to grade in and what the provenance says of it. */
  record Result(Sandbox sandbox, Isolation isolation) {}

  private final PrintWriter err;

  IsolationSetup(PrintWriter err) {
    this.err = err;
  }

  Result prepare(
      SandboxChoice choice,
      boolean strict,
      Path home,
      Path fixturesRoot,
      Path outFolder,
      List<Path> submissions,
      List<Path> named,
      ChildBudget budget) {
    Sandboxes.Choice chosen;
    try {
      chosen = Sandboxes.choose(choice);
    } catch (SandboxUnavailableException e) {
      throw new UsageException(
          "--sandbox " + choice.key() + " does not work on this machine: " + e.getMessage());
    }
    Sandbox sandbox = chosen.sandbox();
    List<Path> hiddenFolders = new ArrayList<>();
    for (Layer layer : Layers.in(fixturesRoot).all()) {
      hiddenFolders.add(FixtureFiles.folder(fixturesRoot, layer, Visibility.HIDDEN));
    }
    if (sandbox.level() == SandboxLevel.USER) {
      List<Path> secrets = new ArrayList<>(List.of(home, fixturesRoot, outFolder));
      secrets.addAll(hiddenFolders);
      secrets.addAll(named);
      // Children need no sources (the grader compiles them): no student reads another's.
      secrets.addAll(submissions);
      hide(secrets);
    }
    List<Path> readable = new ArrayList<>();
    List<Path> exposedHidden =
        hiddenFolders.stream()
            .filter(folder -> FixtureFiles.jsonFiles(folder).stream().anyMatch(sandbox::exposes))
            .toList();
    readable.addAll(exposedHidden);
    List<Path> exposedSecrets = named.stream().filter(sandbox::exposes).toList();
    readable.addAll(exposedSecrets);
    if (Files.isDirectory(outFolder) && sandbox.exposes(outFolder)) {
      readable.add(outFolder);
    }
    List<ResourceBound> bounds = sandbox.bounds(budget);
    Isolation isolation =
        new Isolation(
            sandbox.level(),
            choice.key(),
            strict,
            sandbox.ownUser(),
            chosen.passedOver(),
            readable,
            bounds);
    if (!exposedHidden.isEmpty() || !exposedSecrets.isEmpty()) {
      List<Path> exposed = new ArrayList<>(exposedHidden);
      exposed.addAll(exposedSecrets);
      String problem =
          "student code could read the "
              + (exposedHidden.isEmpty() ? "secrets" : "hidden fixtures")
              + " in "
              + exposed.stream().map(Path::toString).collect(Collectors.joining(" and "))
              + (readable.contains(outFolder) ? " and the results in " + outFolder : "")
              + " with --sandbox "
              + sandbox.level().key()
              + " (level "
              + sandbox.level().number()
              + "); "
              + remedy(choice, sandbox.level());
      if (strict) {
        throw new UsageException("--strict: " + problem);
      }
      err.println("grader: warning: " + problem);
    }
    warnOfUnbounded(isolation, strict);
    return new Result(sandbox, isolation);
  }

  /**
   * Says on stderr which of a child's resources no bound holds here; with {@code --strict}, a
   * child's memory without a bound refuses the run, as one submission could take the machine down.
   */
  private void warnOfUnbounded(Isolation isolation, boolean strict) {
    for (ResourceBound bound : isolation.unbounded()) {
      ResourceBound.Resource resource = bound.resource();
      if (resource == ResourceBound.Resource.MEMORY && strict) {
        throw new UsageException(
            "--strict: a child's memory cannot be bounded on this machine: " + bound.how());
      }
      if (resource == ResourceBound.Resource.MEMORY
          || resource == ResourceBound.Resource.TEMPORARY_SPACE) {
        err.println(
            "grader: warning: a child's "
                + resource.words()
                + " is not bounded at level "
                + isolation.level().number()
                + ": "
                + bound.how());
      }
    }
  }

  /** What would keep the secrets: a stronger level that works here, or what it would take. */
  private static String remedy(SandboxChoice choice, SandboxLevel level) {
    if (choice != SandboxChoice.AUTO) {
      try {
        SandboxLevel strongest = Sandboxes.choose(SandboxChoice.AUTO).sandbox().level();
        if (strongest.number() < level.number()) {
          return "--sandbox "
              + strongest.key()
              + " works here (it is what leaving out --sandbox picks)";
        }
      } catch (SandboxUnavailableException e) {
        // auto always has a level; nothing stronger to suggest then.
      }
    }
    return "install bubblewrap for level 1 (apt-get install bubblewrap), or run the grader as root"
        + " for level 2";
  }

  /** Takes other users' access from each existing folder; notes each change on stderr. */
  private void hide(List<Path> folders) {
    Set<Path> distinct = new LinkedHashSet<>();
    for (Path folder : folders) {
      if (Files.isDirectory(folder)) {
        distinct.add(folder.toAbsolutePath().normalize());
      }
    }
    for (Path folder : distinct) {
      try {
        if (OtherUser.hide(folder)) {
          err.println(
              "grader: note: took other users' access from "
                  + folder
                  + ", so that student code running as another user cannot read it");
        }
      } catch (IOException | UnsupportedOperationException e) {
        err.println(
            "grader: warning: could not take other users' access from " + folder + ": " + e);
      }
    }
  }
}
