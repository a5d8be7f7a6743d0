package org.cnngrader.grading;

import java.util.IdentityHashMap;
import org.cnngrader.fixture.Fixture;
import org.cnngrader.fixture.FixtureSet;

/**
 * The values rule of every case of a fixture set, made once for all the submissions a grader
 * grades: a case's rounding bounds depend on its inputs alone, and working them out for each
 * submission was a tenth of the grader's own work.
 */
final class ValuesRules {

  /** By identity: a fixture's equality compares every number it holds. */
  private final IdentityHashMap<Fixture, ValuesRule> rules = new IdentityHashMap<>();

  ValuesRules(FixtureSet fixtures) {
    for (Fixture fixture : fixtures.fixtures()) {
      rules.put(fixture, new ValuesRule(fixture));
    }
  }

  /** The rule of {@code fixture}; made afresh for a case outside the set. */
  ValuesRule of(Fixture fixture) {
    ValuesRule rule = rules.get(fixture);
    return rule != null ? rule : new ValuesRule(fixture);
  }
}
