package org.cnngrader.runner;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The student's layer class, found by reflection and checked against its contract before anything
 * is called. Members that are missing or have the wrong signature are recorded as problems, so that
 * the parts that depend on other members can still be graded. A record a member takes is looked up
 * beside the class, by the simple name the contract gives it; one that is missing, no record, or
 * has other components is the problem of every member that takes it.
 */
final class StudentLayer {

  private final LayerContract contract;
  private final Map<Member, String> problems = new LinkedHashMap<>();
  private final Map<String, Method> methods = new HashMap<>();
  private final Map<String, List<Method>> accessors = new HashMap<>();

  /** The canonical constructors of the records the contract passes, by simple name. */
  private final Map<String, Constructor<?>> records = new HashMap<>();

  /** What is wrong with each record the contract passes that could not be bound, by simple name. */
  private final Map<String, String> recordProblems = new HashMap<>();

  private Constructor<?> constructor;

  private StudentLayer(LayerContract contract) {
    this.contract = contract;
  }

  static StudentLayer find(LayerContract contract, ClassLoader loader) {
    StudentLayer layer = new StudentLayer(contract);
    String className = contract.className();
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      layer.problems.put(Member.CLASS, className + " was not handed in");
      return layer;
    } catch (LinkageError e) {
      layer.problems.put(Member.CLASS, "class " + className + " could not be loaded: " + e);
      return layer;
    }
    try {
      layer.findConstructor(type);
      for (Step step : contract.steps()) {
        layer.findStep(type, step);
      }
    } catch (LinkageError e) {
      // A signature that names a class the child lacks, e.g. from a library the submission
      // imported.
      layer.problems.put(Member.CLASS, "class " + className + " could not be inspected: " + e);
    }
    return layer;
  }

  LayerContract contract() {
    return contract;
  }

  /** Problems by member, in the contract's order; empty when the contract is met. */
  Map<Member, String> problems() {
    return Collections.unmodifiableMap(problems);
  }

  boolean has(Member member) {
    return !problems.containsKey(member) && !problems.containsKey(Member.CLASS);
  }

  Object construct(Map<String, Object> values) throws Throwable {
    Object[] arguments = arguments(contract.constructor(), values);
    return call(() -> constructor.newInstance(arguments));
  }

  /**
   * Calls a step's method and reads what it returned, by the keys of its outputs; null when it
   * returned null where a record was expected.
   */
  Map<String, Object> call(Step step, Object instance, Map<String, Object> values)
      throws Throwable {
    Object[] arguments = arguments(step.arguments(), values);
    Method method = methods.get(step.key());
    Object returned = null;
    // A step that takes slices is called once per slice, in order; its result is the last one's.
    int calls = slices(step, arguments);
    for (int call = 0; call < calls; call++) {
      Object[] these = slice(step, arguments, call);
      returned = call(() -> method.invoke(instance, these));
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    if (step.result() instanceof Result.Value value) {
      outputs.put(value.key(), returned);
      return outputs;
    }
    if (returned == null) {
      return null;
    }
    Object record = returned;
    List<Method> reads = accessors.get(step.key());
    List<Result.Output> declared = step.result().outputs();
    for (int i = 0; i < declared.size(); i++) {
      Method accessor = reads.get(i);
      outputs.put(declared.get(i).key(), call(() -> accessor.invoke(record)));
    }
    return outputs;
  }

  /**
   * The arguments of a call from the case's current values: a record is made afresh by its
   * canonical constructor (student code, which may throw), so that it holds the very arrays the
   * case holds now, perturbed or not.
   */
  private Object[] arguments(List<Argument> declared, Map<String, Object> values) throws Throwable {
    Object[] arguments = new Object[declared.size()];
    for (int i = 0; i < arguments.length; i++) {
      Argument argument = declared.get(i);
      Object value = argument.valueIn(values);
      if (argument.isRecord()) {
        Constructor<?> canonical = records.get(argument.recordType());
        Object[] components = (Object[]) value;
        value = call(() -> canonical.newInstance(components));
      }
      arguments[i] = value;
    }
    return arguments;
  }

  /** How many calls a step makes: 1, or the slices of its sliced argument (0 when it has none). */
  private static int slices(Step step, Object[] arguments) {
    for (int i = 0; i < arguments.length; i++) {
      if (step.arguments().get(i).source() == Argument.Source.SLICES) {
        return arguments[i] instanceof Object[] all ? all.length : 0;
      }
    }
    return 1;
  }

  /** The arguments of call {@code call} of a step: its sliced argument's slice {@code call}. */
  private static Object[] slice(Step step, Object[] arguments, int call) {
    Object[] these = arguments.clone();
    for (int i = 0; i < these.length; i++) {
      if (step.arguments().get(i).source() == Argument.Source.SLICES) {
        these[i] = ((Object[]) arguments[i])[call];
      }
    }
    return these;
  }

  private interface Reflective {
    Object run() throws ReflectiveOperationException;
  }

  private static Object call(Reflective reflective) throws Throwable {
    try {
      return reflective.run();
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * The parameter types of a member that takes {@code arguments}, the records among them bound in
   * {@code owner}'s package; null when a record cannot be, which is then {@code member}'s problem.
   */
  private Class<?>[] types(Class<?> owner, List<Argument> arguments, Member member) {
    Class<?>[] types = new Class<?>[arguments.size()];
    for (int i = 0; i < types.length; i++) {
      Argument argument = arguments.get(i);
      if (argument.isRecord()) {
        String problem = bindRecord(owner, argument);
        if (problem != null) {
          problems.put(member, problem);
          return null;
        }
        types[i] = records.get(argument.recordType()).getDeclaringClass();
      } else {
        types[i] = argument.type().javaType();
      }
    }
    return types;
  }

  /** Binds a record argument's class once; what is wrong with it, or null. */
  private String bindRecord(Class<?> owner, Argument argument) {
    String simpleName = argument.recordType();
    if (!records.containsKey(simpleName) && !recordProblems.containsKey(simpleName)) {
      String problem;
      try {
        problem = findRecord(owner, argument);
      } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
        problem = "record " + simpleName + " could not be inspected: " + e;
      }
      if (problem != null) {
        recordProblems.put(simpleName, problem);
      }
    }
    return recordProblems.get(simpleName);
  }

  /**
   * Finds the record class of {@code argument} beside the layer's class, with the components the
   * contract gives in their order, and its canonical constructor; what is wrong with it, or null.
   */
  private String findRecord(Class<?> owner, Argument argument) throws NoSuchMethodException {
    String packageName = owner.getPackageName();
    String name =
        packageName.isEmpty() ? argument.recordType() : packageName + "." + argument.recordType();
    String expected = " (expected " + argument.recordDeclaration() + ")";
    Class<?> type;
    try {
      type = Class.forName(name, false, owner.getClassLoader());
    } catch (ClassNotFoundException e) {
      return name + " was not handed in" + expected;
    } catch (LinkageError e) {
      return "class " + name + " could not be loaded: " + e;
    }
    if (!type.isRecord()) {
      return name + " is not a record" + expected;
    }
    RecordComponent[] found = type.getRecordComponents();
    List<Argument> components = argument.components();
    boolean same = found.length == components.size();
    for (int i = 0; same && i < found.length; i++) {
      same =
          found[i].getName().equals(components.get(i).name())
              && found[i].getType() == components.get(i).type().javaType();
    }
    if (!same) {
      String declared =
          Arrays.stream(found)
              .map(c -> c.getType().getSimpleName() + " " + c.getName())
              .collect(Collectors.joining(", ", "record " + type.getSimpleName() + "(", ")"));
      return name + " is " + declared + expected;
    }
    Class<?>[] componentTypes =
        Arrays.stream(found).map(RecordComponent::getType).toArray(Class[]::new);
    Constructor<?> canonical = type.getDeclaredConstructor(componentTypes);
    canonical.setAccessible(true);
    records.put(argument.recordType(), canonical);
    return null;
  }

  private void findConstructor(Class<?> type) {
    Class<?>[] parameters = types(type, contract.constructor(), Member.CONSTRUCTOR);
    if (parameters == null) {
      return;
    }
    try {
      constructor = type.getDeclaredConstructor(parameters);
      constructor.setAccessible(true);
      if (Modifier.isAbstract(type.getModifiers())) {
        problems.put(Member.CONSTRUCTOR, "class " + type.getName() + " is abstract");
      }
    } catch (NoSuchMethodException e) {
      String found =
          Arrays.stream(type.getDeclaredConstructors())
              .map(StudentLayer::signature)
              .collect(Collectors.joining("; "));
      problems.put(Member.CONSTRUCTOR, found.isEmpty() ? "none" : found);
    } catch (RuntimeException | LinkageError e) {
      problems.put(Member.CONSTRUCTOR, String.valueOf(e));
    }
  }

  private void findStep(Class<?> type, Step step) {
    Class<?>[] parameters = types(type, step.arguments(), step.member());
    if (parameters == null) {
      return;
    }
    Method method = findMethod(type, step.method(), parameters);
    if (method == null) {
      problems.put(step.member(), methodsNamed(type, step.method()));
      return;
    }
    if (step.result() instanceof Result.Value value) {
      if (method.getReturnType() != value.type().javaType()) {
        problems.put(step.member(), signature(method));
        return;
      }
    } else if (step.result() instanceof Result.RecordOf record) {
      Class<?> returned = method.getReturnType();
      List<Method> reads = new ArrayList<>();
      List<String> missing = new ArrayList<>();
      for (Result.Output output : record.outputs()) {
        Method accessor = findMethod(returned, output.accessor());
        if (accessor == null || accessor.getReturnType() != output.type().javaType()) {
          missing.add(output.type().javaName() + " " + output.accessor() + "()");
        }
        reads.add(accessor);
      }
      if (!missing.isEmpty()) {
        problems.put(
            step.member(),
            signature(method)
                + ", but "
                + returned.getName()
                + " lacks "
                + String.join(", ", missing)
                + " (expected "
                + record.declaration()
                + ")");
        return;
      }
      accessors.put(step.key(), reads);
    }
    methods.put(step.key(), method);
  }

  private static Method findMethod(Class<?> type, String name, Class<?>... parameters) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        Method method = c.getDeclaredMethod(name, parameters);
        if (Modifier.isStatic(method.getModifiers())) {
          return null;
        }
        method.setAccessible(true);
        return method;
      } catch (NoSuchMethodException e) {
        // look in the superclass
      } catch (RuntimeException | LinkageError e) {
        return null;
      }
    }
    return null;
  }

  private static String methodsNamed(Class<?> type, String name) {
    String found =
        Arrays.stream(type.getDeclaredMethods())
            .filter(m -> m.getName().equals(name))
            .map(StudentLayer::signature)
            .sorted()
            .collect(Collectors.joining("; "));
    return found.isEmpty() ? "none" : found;
  }

  private static String signature(Executable executable) {
    String parameters =
        Arrays.stream(executable.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", "));
    String modifiers = Modifier.toString(executable.getModifiers());
    String prefix = modifiers.isEmpty() ? "" : modifiers + " ";
    if (executable instanceof Method method) {
      return prefix
          + method.getReturnType().getSimpleName()
          + " "
          + method.getName()
          + "("
          + parameters
          + ")";
    }
    return prefix + executable.getDeclaringClass().getSimpleName() + "(" + parameters + ")";
  }
}
