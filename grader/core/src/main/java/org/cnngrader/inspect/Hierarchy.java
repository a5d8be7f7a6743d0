package org.cnngrader.inspect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The superclasses of the submission's own classes, so that {@code worker.start()} on a class that
 * extends {@code Thread} is judged as {@code Thread.start}: the bytecode names the student's class
 * as the owner of an inherited member.
 */
final class Hierarchy {

  private final Map<String, String> superclasses;

  /**
   * {@code superclasses} maps each of the submission's classes to its superclass (internal names).
   */
  Hierarchy(Map<String, String> superclasses) {
    this.superclasses = Map.copyOf(superclasses);
  }

  /**
   * Where a use of {@code owner.name} may resolve to: {@code owner}, then its superclasses as long
   * as they are the submission's own, then the first one that is not. Constructors are not
   * inherited, so a constructor is looked up in its owner alone.
   */
  List<String> lookupOrder(String owner, String name) {
    List<String> order = new ArrayList<>();
    order.add(owner);
    if (name.equals("<init>")) {
      return order;
    }
    Set<String> seen = new HashSet<>(order);
    String current = superclasses.get(owner);
    // A malformed submission may declare a cycle; stop at the first class seen twice.
    while (current != null && seen.add(current)) {
      order.add(current);
      current = superclasses.get(current);
    }
    return order;
  }
}
