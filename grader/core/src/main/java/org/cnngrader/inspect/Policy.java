package org.cnngrader.inspect;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the grader does about each kind of finding. A policy file (see fixtures/README.md) names the
 * kinds it sets; the others are {@link Action#WARN}.
 *
 * @param actions an action for every kind
 */
public record Policy(Map<FindingKind, Action> actions) {

  /** What a finding of one kind costs. */
  public enum Action {
    /** Not reported. */
    IGNORE,
    /** Reported to the student; the submission is graded as usual. */
    WARN,
    /** The submission is not run: every part scores 0, and the feedback names the finding. */
    ZERO;

    /** The action's name in a policy file: {@code ignore}, {@code warn} or {@code zero}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The action named {@code key} in a policy file, if any. */
    public static Optional<Action> fromKey(String key) {
      for (Action action : values()) {
        if (action.key().equals(key)) {
          return Optional.of(action);
        }
      }
      return Optional.empty();
    }
  }

  /** Warns about every kind: the policy when no file gives one. */
  public static final Policy DEFAULT = uniform(Action.WARN);

  public Policy {
    Objects.requireNonNull(actions, "actions");
    EnumMap<FindingKind, Action> copy = new EnumMap<>(FindingKind.class);
    for (FindingKind kind : FindingKind.values()) {
      Action action = actions.get(kind);
      if (action == null) {
        throw new IllegalArgumentException("the policy has no action for " + kind.policyKey());
      }
      copy.put(kind, action);
    }
    actions = Collections.unmodifiableMap(copy);
  }

  /** The same action for every kind. */
  public static Policy uniform(Action action) {
    Objects.requireNonNull(action, "action");
    Map<FindingKind, Action> actions = new EnumMap<>(FindingKind.class);
    for (FindingKind kind : FindingKind.values()) {
      actions.put(kind, action);
    }
    return new Policy(actions);
  }

  /**
   * Reads a policy file: a JSON object from kinds' keys to actions, e.g. {@code {"exit": "zero",
   * "threads": "ignore"}}.
   *
   * @throws org.cnngrader.fixture.FixtureException when the file cannot be read, is not such an
   *     object, or names an unknown kind or action; the message names the file, the field and what
   *     is allowed
   */
  public static Policy load(Path file) {
    return PolicyFile.read(file);
  }

  /** This policy with {@code kind} set to {@code action}. */
  public Policy with(FindingKind kind, Action action) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(action, "action");
    Map<FindingKind, Action> changed = new EnumMap<>(actions);
    changed.put(kind, action);
    return new Policy(changed);
  }

  /** What a finding of {@code kind} costs. */
  public Action actionFor(FindingKind kind) {
    return actions.get(Objects.requireNonNull(kind, "kind"));
  }
}
