package org.cnngrader.check;

import java.util.Optional;
import org.cnngrader.grading.PartResult;
import org.cnngrader.grading.Verdict;
import org.cnngrader.runner.LayerContract;
import org.cnngrader.runner.Member;

/**
 * A member of a layer that the student has not written yet, which every part needing it fails on: a
 * method that still throws the template's UnsupportedOperationException (a stub), or a class,
 * constructor or method missing from the hand-in. One cause, many parts: the check fails one test
 * for it and skips the rest, so that an untouched layer costs one line of Maven's list of failures,
 * not one per part.
 *
 * @param contract the layer's contract, which names its class ({@code cnn.MaxPool2d})
 * @param member what is not written: a step ({@code forward_train}), the constructor or the class
 * @param stub whether it is there and throws as the template does, rather than missing
 */
record Unwritten(LayerContract contract, Member member, boolean stub) {

  Unwritten {
    if (contract == null || member == null) {
      throw new IllegalArgumentException("an unwritten member needs its layer and its member");
    }
  }

  /**
   * What the part fails on, if it fails on a member not written yet: its own call was a stub or
   * missing, or it was not run because an earlier call of its case was. A part that fails for any
   * other reason (a wrong value, an exception of the student's own) has none.
   */
  static Optional<Unwritten> behind(PartResult part) {
    return behind(part.fixture().layer().contract(), part.verdict());
  }

  private static Optional<Unwritten> behind(LayerContract contract, Verdict verdict) {
    if (verdict instanceof Verdict.NotImplemented stub) {
      return Optional.of(new Unwritten(contract, stub.call(), true));
    }
    if (verdict instanceof Verdict.Missing missing) {
      return Optional.of(new Unwritten(contract, missing.member(), false));
    }
    if (verdict instanceof Verdict.NotRun notRun) {
      return behind(contract, notRun.blocker());
    }
    return Optional.empty();
  }

  /**
   * In a few words, with no text of the student's: "cnn.MaxPool2d.forward is not implemented yet",
   * "cnn.MaxPool2d is missing or not as specified" (the failing test's message says which).
   */
  String words() {
    String className = contract.className();
    if (member.equals(Member.CLASS)) {
      return className + " is missing or not as specified";
    }
    if (member.equals(Member.CONSTRUCTOR)) {
      return className + "'s constructor is missing or not as specified";
    }
    // A step's key may differ from the method it calls: forward_train calls forward.
    String method = className + "." + contract.stepOf(member.key()).method();
    return method + (stub ? " is not implemented yet" : " is missing or not as specified");
  }
}
