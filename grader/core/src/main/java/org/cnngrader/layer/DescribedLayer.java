package org.cnngrader.layer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cnngrader.runner.Result;
import org.cnngrader.runner.Step;

/**
 * A layer's fixed description, checked once when it is made: every parameter and input is a value
 * the contract passes, with the rank it passes it at; every output is one a step returns; every
 * part checks an output. A layer extends this with what it computes (its geometry, bounds and
 * words).
 */
public abstract class DescribedLayer implements Layer {

  private final String id;
  private final org.cnngrader.runner.LayerContract contract;
  private final List<ParamSpec> params;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private final List<Part> parts;
  private final List<KnownMistake> mistakes;

  protected DescribedLayer(
      String id,
      org.cnngrader.runner.LayerContract contract,
      List<ParamSpec> params,
      List<TensorSpec> inputs,
      List<TensorSpec> outputs,
      List<Part> parts,
      List<? extends KnownMistake> mistakes) {
    this.id = id;
    this.contract = contract;
    this.params = List.copyOf(params);
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
    this.parts = List.copyOf(parts);
    this.mistakes = List.copyOf(mistakes);
    check();
  }

  private void check() {
    var passed = contract.caseValues();
    for (ParamSpec param : params) {
      require(passed.get(param.key()) == param.type(), "parameter " + param.key() + " is passed");
    }
    for (TensorSpec input : inputs) {
      require(
          passed.get(input.key()) == input.type(),
          "input " + input.key() + " is passed as " + input.type());
    }
    List<Result.Output> returned = new ArrayList<>();
    for (Step step : contract.steps()) {
      returned.addAll(step.result().outputs());
    }
    for (TensorSpec output : outputs) {
      require(
          returned.stream()
              .anyMatch(r -> r.key().equals(output.key()) && r.type() == output.type()),
          "output " + output.key() + " is returned as " + output.type());
    }
    Set<String> outputKeys = outputs.stream().map(TensorSpec::key).collect(Collectors.toSet());
    for (Part part : parts) {
      require(outputKeys.contains(part.tensor()), "part " + part.key() + " checks an output");
    }
  }

  private void require(boolean holds, String what) {
    if (!holds) {
      throw new IllegalStateException(id + ": its description must hold: " + what);
    }
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final org.cnngrader.runner.LayerContract contract() {
    return contract;
  }

  @Override
  public final List<ParamSpec> params() {
    return params;
  }

  @Override
  public final List<TensorSpec> inputs() {
    return inputs;
  }

  @Override
  public final List<TensorSpec> outputs() {
    return outputs;
  }

  @Override
  public final List<Part> parts() {
    return parts;
  }

  @Override
  public final List<KnownMistake> mistakes() {
    return mistakes;
  }

  @Override
  public String toString() {
    return id;
  }
}
