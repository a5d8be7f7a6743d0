package org.cnngrader.runner;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a student's layer class must offer, as the grader calls it: the class, its constructor's
 * arguments, and the steps of a case in order. The parent sends it to the child, which binds the
 * student's class by it and runs every case by it: one description on both sides of the socket.
 */
public record LayerContract(
    String className, List<Argument> constructor, List<Step> steps, Backprop backprop) {

  public LayerContract {
    if (className == null || className.isBlank()) {
      throw new IllegalArgumentException("a contract names a class");
    }
    constructor = List.copyOf(constructor);
    steps = List.copyOf(steps);
    if (steps.isEmpty()) {
      throw new IllegalArgumentException(className + ": a contract has at least one step");
    }
    List<String> seen = new ArrayList<>();
    for (Step step : steps) {
      if (seen.contains(step.key()) || !step.member().isStep()) {
        throw new IllegalArgumentException(className + ": step " + step.key() + " repeats a key");
      }
      for (String before : step.after()) {
        if (!seen.contains(before)) {
          throw new IllegalArgumentException(
              className + ": step " + step.key() + " comes after " + before + ", not before it");
        }
      }
      seen.add(step.key());
    }
    if (backprop != null
        && (!seen.contains(backprop.forward()) || !seen.contains(backprop.backward()))) {
      throw new IllegalArgumentException(className + ": the backprop names steps it lacks");
    }
    Map<String, ValueType> values = checkedCaseValues(className, constructor, steps);
    if (backprop != null) {
      checkBackprop(className, steps, backprop);
      checkDifferentiable(className, values, backprop);
    }
  }

  /** The inputs with gradients are double or float tensors among the case's values. */
  private static void checkDifferentiable(
      String className, Map<String, ValueType> values, Backprop backprop) {
    for (Map.Entry<String, String> gradient : backprop.inputOf().entrySet()) {
      ValueType input = values.get(gradient.getValue());
      if (input == null || !input.isTensor() || input.element() == int.class) {
        throw new IllegalArgumentException(
            className
                + ": gradient "
                + gradient.getKey()
                + " is of "
                + gradient.getValue()
                + ", which is no double or float tensor the steps read");
      }
    }
  }

  /**
   * Forward gives the output differentiated, a tensor when backward takes an upstream gradient of
   * its shape, a double (a loss) when it takes none; backward gives every gradient named.
   */
  private static void checkBackprop(String className, List<Step> steps, Backprop backprop) {
    ValueType output = outputType(steps, backprop.forward(), backprop.output());
    if (output == null) {
      throw new IllegalArgumentException(
          className
              + ": the backprop differentiates "
              + backprop.output()
              + ", which step "
              + backprop.forward()
              + " does not return");
    }
    if (!backprop.hasUpstream() && output != ValueType.DOUBLE) {
      throw new IllegalArgumentException(
          className
              + ": a backward without an upstream gradient differentiates a double (a loss), but "
              + backprop.output()
              + " is "
              + output.javaName());
    }
    if (backprop.hasUpstream() && !output.isTensor()) {
      throw new IllegalArgumentException(
          className
              + ": "
              + backprop.output()
              + " is a "
              + output.javaName()
              + ": its backward takes no upstream gradient "
              + backprop.upstream());
    }
    for (String gradient : backprop.inputOf().keySet()) {
      if (outputType(steps, backprop.backward(), gradient) == null) {
        throw new IllegalArgumentException(
            className + ": step " + backprop.backward() + " returns no gradient " + gradient);
      }
    }
  }

  private static ValueType outputType(List<Step> steps, String stepKey, String outputKey) {
    for (Step step : steps) {
      if (step.key().equals(stepKey)) {
        for (Result.Output output : step.result().outputs()) {
          if (output.key().equals(outputKey)) {
            return output.type();
          }
        }
      }
    }
    return null;
  }

  /**
   * Every case value is read as one type, and a record passed to several calls has the same
   * components in each: both sides of the socket read a case by these types, and the student
   * declares the record once.
   */
  private static Map<String, ValueType> checkedCaseValues(
      String className, List<Argument> constructor, List<Step> steps) {
    Map<String, ValueType> types = new LinkedHashMap<>();
    Map<String, String> records = new LinkedHashMap<>();
    for (Argument argument : allArguments(constructor, steps)) {
      for (Map.Entry<String, ValueType> value : argument.caseValues().entrySet()) {
        ValueType before = types.putIfAbsent(value.getKey(), value.getValue());
        if (before != null && before != value.getValue()) {
          throw new IllegalArgumentException(
              className
                  + ": case value "
                  + value.getKey()
                  + " is read as "
                  + before.javaName()
                  + " and as "
                  + value.getValue().javaName());
        }
      }
      if (argument.isRecord()) {
        String declared = records.putIfAbsent(argument.recordType(), argument.recordDeclaration());
        if (declared != null && !declared.equals(argument.recordDeclaration())) {
          throw new IllegalArgumentException(
              className + ": " + declared + " is also " + argument.recordDeclaration());
        }
      }
    }
    return types;
  }

  private static List<Argument> allArguments(List<Argument> constructor, List<Step> steps) {
    List<Argument> all = new ArrayList<>(constructor);
    for (Step step : steps) {
      all.addAll(step.arguments());
    }
    return all;
  }

  /**
   * The class name alone: contracts key the maps of every case run, and hashing every step and
   * argument each time cost more than the lookups. Equal contracts name the same class, so this
   * agrees with the record's equals.
   */
  @Override
  public int hashCode() {
    return className.hashCode();
  }

  private Step step(String key) {
    for (Step step : steps) {
      if (step.key().equals(key)) {
        return step;
      }
    }
    return null;
  }

  /** The step with this key. */
  public Step stepOf(String key) {
    Step step = step(key);
    if (step == null) {
      throw new IllegalArgumentException(className + " has no step " + key);
    }
    return step;
  }

  /** "Conv2d", for "cnn.Conv2d". */
  public String simpleName() {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** "public Conv2d(int stride, int pad)". */
  public String constructorSignature() {
    return "public "
        + simpleName()
        + constructor.stream()
            .map(Argument::declaration)
            .collect(Collectors.joining(", ", "(", ")"));
  }

  /**
   * The type of backward's gradient {@code gradient} as backward returns it (that of the input it
   * belongs to, or of one slice of an input forward takes slice by slice): how both sides of the
   * socket write and read it.
   */
  public ValueType gradientType(String gradient) {
    for (Result.Output output : stepOf(backprop.backward()).result().outputs()) {
      if (output.key().equals(gradient)) {
        return output.type();
      }
    }
    throw new IllegalArgumentException(className + ": backward returns no " + gradient);
  }

  /**
   * The simple names of the records the contract passes ({@code ConvNetParams}) and the steps
   * return ({@code Gradients}): the constructor's record arguments, then each step's arguments and
   * result, in step order.
   */
  public List<String> recordTypes() {
    List<String> records = new ArrayList<>();
    for (Argument argument : constructor) {
      addRecord(records, argument);
    }
    for (Step step : steps) {
      step.arguments().forEach(argument -> addRecord(records, argument));
      if (step.result() instanceof Result.RecordOf record && !records.contains(record.typeName())) {
        records.add(record.typeName());
      }
    }
    return records;
  }

  private static void addRecord(List<String> records, Argument argument) {
    if (argument.isRecord() && !records.contains(argument.recordType())) {
      records.add(argument.recordType());
    }
  }

  /**
   * Each record the contract names, as Java declares it: {@code record ConvNetParams(double[][][][]
   * w1, double[] b1)}, {@code record Gradients(double[][][][] dx, ...)}; by simple name, in the
   * order of {@link #recordTypes()}.
   */
  public Map<String, String> recordDeclarations() {
    Map<String, String> declarations = new LinkedHashMap<>();
    for (Argument argument : allArguments(constructor, steps)) {
      if (argument.isRecord()) {
        declarations.putIfAbsent(argument.recordType(), argument.recordDeclaration());
      }
    }
    for (Step step : steps) {
      if (step.result() instanceof Result.RecordOf record) {
        declarations.putIfAbsent(record.typeName(), record.declaration());
      }
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    recordTypes().forEach(name -> ordered.put(name, declarations.get(name)));
    return ordered;
  }

  /** The members in the order the child checks and reports them. */
  public List<Member> members() {
    List<Member> members = new ArrayList<>();
    members.add(Member.CLASS);
    members.add(Member.CONSTRUCTOR);
    steps.forEach(step -> members.add(step.member()));
    return members;
  }

  /** The keys and types of the values every case must give: what the arguments read. */
  public Map<String, ValueType> caseValues() {
    Map<String, ValueType> values = new LinkedHashMap<>();
    for (Argument argument : allArguments(constructor, steps)) {
      values.putAll(argument.caseValues());
    }
    return values;
  }

  /** Writes the contract; {@link #readFrom} reads it back. */
  public void writeTo(DataOutputStream out) throws IOException {
    Wire.writeString(out, className);
    writeArguments(out, constructor);
    out.writeInt(steps.size());
    for (Step step : steps) {
      Wire.writeString(out, step.key());
      Wire.writeString(out, step.method());
      writeArguments(out, step.arguments());
      writeResult(out, step.result());
      out.writeInt(step.after().size());
      for (String before : step.after()) {
        Wire.writeString(out, before);
      }
    }
    out.writeBoolean(backprop != null);
    if (backprop != null) {
      Wire.writeString(out, backprop.forward());
      Wire.writeString(out, backprop.output());
      Wire.writeString(out, backprop.backward());
      Wire.writeString(out, backprop.upstream());
      out.writeInt(backprop.inputOf().size());
      for (Map.Entry<String, String> gradient : backprop.inputOf().entrySet()) {
        Wire.writeString(out, gradient.getKey());
        Wire.writeString(out, gradient.getValue());
      }
    }
  }

  public static LayerContract readFrom(DataInputStream in) throws IOException {
    try {
      String className = Wire.readString(in);
      List<Argument> constructor = readArguments(in);
      int stepCount = count(in);
      List<Step> steps = new ArrayList<>();
      for (int i = 0; i < stepCount; i++) {
        String key = Wire.readString(in);
        String method = Wire.readString(in);
        List<Argument> arguments = readArguments(in);
        Result result = readResult(in);
        int afterCount = count(in);
        List<String> after = new ArrayList<>();
        for (int j = 0; j < afterCount; j++) {
          after.add(Wire.readString(in));
        }
        steps.add(new Step(key, method, arguments, result, after));
      }
      Backprop backprop = null;
      if (in.readBoolean()) {
        String forward = Wire.readString(in);
        String output = Wire.readString(in);
        String backward = Wire.readString(in);
        String upstream = Wire.readString(in);
        int gradients = count(in);
        Map<String, String> inputOf = new LinkedHashMap<>();
        for (int i = 0; i < gradients; i++) {
          inputOf.put(Wire.readString(in), Wire.readString(in));
        }
        backprop = new Backprop(forward, output, backward, upstream, inputOf);
      }
      return new LayerContract(className, constructor, steps, backprop);
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new IOException("bad contract: " + e.getMessage(), e);
    }
  }

  private static void writeArguments(DataOutputStream out, List<Argument> arguments)
      throws IOException {
    out.writeInt(arguments.size());
    for (Argument argument : arguments) {
      Wire.writeString(out, argument.name());
      Wire.writeString(out, argument.source().name());
      if (argument.isRecord()) {
        // Its components are value arguments: the reader refuses records within records.
        Wire.writeString(out, argument.recordType());
        writeArguments(out, argument.components());
        continue;
      }
      Wire.writeString(out, argument.type().name());
      Wire.writeString(out, argument.key());
      out.writeInt(argument.axis());
      if (argument.isConstant()) {
        argument.type().write(out, argument.constant());
      }
    }
  }

  private static List<Argument> readArguments(DataInputStream in) throws IOException {
    return readArguments(in, false);
  }

  /** The arguments written; {@code ofRecord}: a record's components, which are no records. */
  private static List<Argument> readArguments(DataInputStream in, boolean ofRecord)
      throws IOException {
    int count = count(in);
    List<Argument> arguments = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = Wire.readString(in);
      String sourceName = Wire.readString(in);
      if (sourceName == null) {
        throw new IOException("bad contract: argument " + name + " has no source");
      }
      Argument.Source source = Argument.Source.valueOf(sourceName);
      if (source == Argument.Source.RECORD) {
        if (ofRecord) {
          throw new IOException("bad contract: a record within a record, " + name);
        }
        String recordType = Wire.readString(in);
        arguments.add(Argument.record(name, recordType, readArguments(in, true)));
        continue;
      }
      ValueType type = ValueType.named(Wire.readString(in));
      String key = Wire.readString(in);
      int axis = in.readInt();
      Object constant = source == Argument.Source.CONSTANT ? type.read(in) : null;
      arguments.add(new Argument(name, type, source, key, constant, axis, null, List.of()));
    }
    return arguments;
  }

  private static void writeResult(DataOutputStream out, Result result) throws IOException {
    if (result instanceof Result.Value value) {
      out.writeByte(0);
      Wire.writeString(out, value.key());
      Wire.writeString(out, value.type().name());
    } else if (result instanceof Result.RecordOf record) {
      out.writeByte(1);
      Wire.writeString(out, record.typeName());
      out.writeInt(record.outputs().size());
      for (Result.Output output : record.outputs()) {
        Wire.writeString(out, output.key());
        Wire.writeString(out, output.type().name());
        Wire.writeString(out, output.accessor());
      }
    }
  }

  private static Result readResult(DataInputStream in) throws IOException {
    byte kind = in.readByte();
    if (kind == 0) {
      return new Result.Value(Wire.readString(in), ValueType.named(Wire.readString(in)));
    }
    if (kind != 1) {
      throw new IOException("unknown result kind " + kind);
    }
    String typeName = Wire.readString(in);
    int count = count(in);
    List<Result.Output> outputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      outputs.add(
          new Result.Output(
              Wire.readString(in), ValueType.named(Wire.readString(in)), Wire.readString(in)));
    }
    return new Result.RecordOf(typeName, outputs);
  }

  private static int count(DataInputStream in) throws IOException {
    int count = in.readInt();
    if (count < 0 || count > 64) {
      throw new IOException("bad count " + count + " in a contract");
    }
    return count;
  }
}
