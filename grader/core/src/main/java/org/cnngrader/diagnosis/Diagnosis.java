package org.cnngrader.diagnosis;

import org.cnngrader.layer.KnownMistake;
import org.cnngrader.layer.Setting;
import org.cnngrader.tensor.Shape;

/**
 * The known mistake that explains a wrong tensor, with the case's numbers: decided by {@link
 * Diagnoser}, worded by the feedback package.
 */
public sealed interface Diagnosis {

  KnownMistake mistake();

  /** The tensor explained, by the layer's name for it: {@code out}, {@code dx}, ... */
  String tensor();

  Setting setting();

  /**
   * How many of the layer's failing cases the mistake explains across the submission; null until
   * the whole submission is graded (and for a diagnosis of one case alone).
   */
  Reach reach();

  /** The same diagnosis with {@code reach}. */
  Diagnosis withReach(Reach reach);

  /** The tensor's wrong shape is the one the mistake gives, by the output-size formula. */
  record ShapeExplained(
      KnownMistake mistake, String tensor, Shape actual, Setting setting, Reach reach)
      implements Diagnosis {

    public ShapeExplained(KnownMistake mistake, String tensor, Shape actual, Setting setting) {
      this(mistake, tensor, actual, setting, null);
    }

    @Override
    public ShapeExplained withReach(Reach newReach) {
      return new ShapeExplained(mistake, tensor, actual, setting, newReach);
    }
  }

  /**
   * The tensor's values match, within the case's tolerance, those that a layer with the mistake
   * computes (the fixture's reference for it), and no other mistake's.
   */
  record ValuesExplained(KnownMistake mistake, String tensor, Setting setting, Reach reach)
      implements Diagnosis {

    public ValuesExplained(KnownMistake mistake, String tensor, Setting setting) {
      this(mistake, tensor, setting, null);
    }

    @Override
    public ValuesExplained withReach(Reach newReach) {
      return new ValuesExplained(mistake, tensor, setting, newReach);
    }
  }

  /**
   * The gradient follows, by the gradient check, from a forward whose mistake is {@code mistake}:
   * the gradient is wrong because forward is, whatever pattern its values happen to match.
   */
  record FollowsForward(KnownMistake mistake, String tensor, Setting setting, Reach reach)
      implements Diagnosis {

    public FollowsForward(KnownMistake mistake, String tensor, Setting setting) {
      this(mistake, tensor, setting, null);
    }

    @Override
    public FollowsForward withReach(Reach newReach) {
      return new FollowsForward(mistake, tensor, setting, newReach);
    }
  }

  /**
   * The gradient is all zeros or null, by {@link UnfinishedBackward}'s rule: backward looks
   * unfinished. Kept only where no case of the submission returns it computed.
   */
  record Unfinished(UnfinishedBackward mistake, String tensor, Setting setting, Reach reach)
      implements Diagnosis {

    public Unfinished(UnfinishedBackward mistake, String tensor, Setting setting) {
      this(mistake, tensor, setting, null);
    }

    @Override
    public Unfinished withReach(Reach newReach) {
      return new Unfinished(mistake, tensor, setting, newReach);
    }
  }
}
