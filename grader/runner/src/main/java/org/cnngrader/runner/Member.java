package org.cnngrader.runner;

/**
 * A part of a layer's contract that the child looks up before calling anything: the class, its
 * constructor, or one step of a case (say {@code forward}), by the step's key.
 */
public record Member(String key) {

  /** The class itself, e.g. {@code cnn.Conv2d}. */
  public static final Member CLASS = new Member("class");

  /** The constructor the contract names. */
  public static final Member CONSTRUCTOR = new Member("constructor");

  public Member {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("a member needs a key");
    }
  }

  /** The member that makes the step with this key. */
  public static Member step(String key) {
    return new Member(key);
  }

  // Written out: a record's generated equals and hashCode are bootstrapped through method handles
  // on
  // first use, which costs every child JVM tens of milliseconds at start.
  @Override
  public boolean equals(Object other) {
    return other instanceof Member member && key.equals(member.key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  public boolean isStep() {
    return !equals(CLASS) && !equals(CONSTRUCTOR);
  }

  @Override
  public String toString() {
    return key;
  }
}
