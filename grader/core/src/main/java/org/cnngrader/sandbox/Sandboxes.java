package org.cnngrader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cnngrader.resources.ChildBudget;
import org.cnngrader.resources.ChildResources;
import org.cnngrader.resources.Programs;
import org.cnngrader.resources.ResourceControl;

/**
 * Picks a sandbox by trying it: each level is probed by starting the JDK inside it ({@code java
 * -version}), never assumed from what is installed. Results are kept for the life of the JVM.
 */
public final class Sandboxes {

  /** The sandbox picked, and for {@code auto}, why each stronger level was passed over. */
  public record Choice(Sandbox sandbox, List<String> passedOver) {
    public Choice {
      passedOver = List.copyOf(passedOver);
    }
  }

  /** A level's sandbox, or why it does not work here: probed once per JVM. */
  private record Probed(Sandbox sandbox, String problem) {}

  private static final Map<SandboxLevel, Probed> PROBED = new ConcurrentHashMap<>();

  private Sandboxes() {}

  /**
   * Level 3, without probing: for a student's check of their own code on their own machine, where
   * the student's code is no threat to anyone but its author.
   */
  public static Sandbox processOnly() {
    return new ProcessOnly(ResourceControl.ofThisMachine());
  }

  /** Level 3 with the given resource control, e.g. limits per process where groups exist too. */
  public static Sandbox processOnly(ResourceControl resources) {
    return new ProcessOnly(resources);
  }

  /**
   * The sandbox for {@code choice}: the level asked for, or with {@code auto} the strongest that
   * works.
   *
   * @throws SandboxUnavailableException when a level was named and does not work here
   */
  public static Choice choose(SandboxChoice choice) throws SandboxUnavailableException {
    return switch (choice) {
      case BWRAP -> new Choice(require(SandboxLevel.BWRAP), List.of());
      case USER -> new Choice(require(SandboxLevel.USER), List.of());
      case PROCESS -> new Choice(new ProcessOnly(ResourceControl.ofThisMachine()), List.of());
      case AUTO -> strongest();
    };
  }

  private static Choice strongest() {
    List<String> passedOver = new ArrayList<>();
    for (SandboxLevel level : List.of(SandboxLevel.BWRAP, SandboxLevel.USER)) {
      try {
        return new Choice(require(level), passedOver);
      } catch (SandboxUnavailableException e) {
        passedOver.add(level.key() + ": " + e.getMessage());
      }
    }
    return new Choice(new ProcessOnly(ResourceControl.ofThisMachine()), passedOver);
  }

  private static Sandbox require(SandboxLevel level) throws SandboxUnavailableException {
    Probed probed =
        PROBED.computeIfAbsent(
            level,
            l -> {
              try {
                Sandbox sandbox = create(l);
                return new Probed(sandbox, probe(sandbox).orElse(null));
              } catch (SandboxUnavailableException e) {
                return new Probed(null, e.getMessage());
              }
            });
    if (probed.problem() != null) {
      throw new SandboxUnavailableException(probed.problem());
    }
    return probed.sandbox();
  }

  private static Sandbox create(SandboxLevel level) throws SandboxUnavailableException {
    ResourceControl resources = ResourceControl.ofThisMachine();
    return switch (level) {
      case BWRAP -> {
        Path bwrap =
            Programs.find("bwrap")
                .orElseThrow(
                    () ->
                        new SandboxUnavailableException(
                            "bwrap is not installed (Debian and Ubuntu: apt-get install"
                                + " bubblewrap)"));
        // As root, prefer bubblewrap as a user of the child's own, where the machine allows it.
        Optional<Path> setpriv = isRoot() ? Programs.find("setpriv") : Optional.empty();
        if (setpriv.isPresent()) {
          Bubblewrap asUser =
              new Bubblewrap(bwrap, new OtherUser(setpriv.get(), resources), resources);
          if (probe(asUser).isEmpty()) {
            yield asUser;
          }
        }
        yield new Bubblewrap(bwrap, null, resources);
      }
      case USER -> {
        if (!isRoot()) {
          throw new SandboxUnavailableException(
              "the grader does not run as root, so it cannot switch to another user");
        }
        yield new OtherUser(
            Programs.find("setpriv")
                .orElseThrow(
                    () ->
                        new SandboxUnavailableException(
                            "setpriv is not installed (it comes with util-linux)")),
            resources);
      }
      case PROCESS -> new ProcessOnly(resources);
    };
  }

  /** Starts the JDK in the sandbox, within its bounds; empty when it ran, else why not. */
  private static Optional<String> probe(Sandbox sandbox) {
    Path java = Commands.javaHome().resolve("bin/java");
    List<String> version = List.of(java.toString(), "-Xshare:auto", "-XX:+UseSerialGC", "-version");
    Optional<UserLease> user = Optional.empty();
    try (ChildResources bounds = sandbox.resources().start(ChildBudget.PROBE, sandbox.ownUser())) {
      user = leaseFor(sandbox);
      List<String> command = new ArrayList<>();
      if (sandbox instanceof Bubblewrap bubblewrap) {
        command.addAll(bubblewrap.probe(bounds, user, version));
      } else {
        command.addAll(bounds.prefix());
        if (sandbox instanceof OtherUser otherUser) {
          command.addAll(otherUser.switchTo(user.orElseThrow().id()));
        }
        command.addAll(version);
      }
      return Commands.probe(command, Path.of("/"));
    } catch (IOException e) {
      return Optional.of("a child's resource bounds could not be set up: " + e.getMessage());
    } finally {
      user.ifPresent(UserLease::close);
    }
  }

  /** A user id for the probe's child, where the sandbox gives each child one. */
  private static Optional<UserLease> leaseFor(Sandbox sandbox) throws IOException {
    if (sandbox instanceof OtherUser otherUser) {
      return Optional.of(otherUser.leaseId());
    }
    if (sandbox instanceof Bubblewrap bubblewrap) {
      return bubblewrap.leaseId();
    }
    return Optional.empty();
  }

  /** Whether this process runs as root (user id 0), as Linux's /proc tells. */
  static boolean isRoot() {
    try {
      Path self = Path.of("/proc/self");
      return Files.exists(self) && Integer.valueOf(0).equals(Files.getAttribute(self, "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
