package org.cnngrader.runner;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One call of a case, in the order the contract makes them: the step's key (how feedback and
 * fixtures name it), the method called, its arguments, what it returns, and the steps that must
 * have returned before it can mean anything (backward works on what forward kept).
 */
public record Step(
    String key, String method, List<Argument> arguments, Result result, List<String> after) {

  public Step {
    if (key == null || key.isBlank() || method == null || method.isBlank() || result == null) {
      throw new IllegalArgumentException("a step needs a key, a method and a result");
    }
    arguments = List.copyOf(arguments);
    after = List.copyOf(after);
  }

  public Member member() {
    return Member.step(key);
  }

  /** "public double[][][][] forward(double[][][][] x, double[][][][] w, double[] b)". */
  public String signature() {
    return "public "
        + result.javaType()
        + " "
        + method
        + arguments.stream().map(Argument::declaration).collect(Collectors.joining(", ", "(", ")"));
  }
}
