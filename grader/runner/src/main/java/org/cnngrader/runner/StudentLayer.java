package org.cnngrader.runner;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The student's layer class, found by reflection and checked against the contract before anything
 * is called. Members that are missing or have the wrong signature are recorded as problems, so that
 * the parts that depend on other members can still be graded.
 */
final class StudentLayer {

  private static final Class<?> TENSOR4 = double[][][][].class;

  private final Map<Member, String> problems = new EnumMap<>(Member.class);
  private Constructor<?> constructor;
  private Method forward;
  private Method backward;
  private Method dx;
  private Method dw;
  private Method db;

  private StudentLayer() {}

  static StudentLayer find(String className, ClassLoader loader) {
    StudentLayer layer = new StudentLayer();
    Class<?> type;
    try {
      type = Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      layer.problems.put(Member.CLASS, "class " + className + " was not found");
      return layer;
    } catch (LinkageError e) {
      layer.problems.put(Member.CLASS, "class " + className + " could not be loaded: " + e);
      return layer;
    }
    try {
      layer.findConstructor(type);
      layer.findForward(type);
      layer.findBackward(type);
    } catch (LinkageError e) {
      // A signature that names a class the child lacks, e.g. from a library the submission
      // imported.
      layer.problems.put(Member.CLASS, "class " + className + " could not be inspected: " + e);
    }
    return layer;
  }

  /** Problems by member, in declaration order; empty when the contract is met. */
  Map<Member, String> problems() {
    return problems;
  }

  boolean has(Member member) {
    return !problems.containsKey(member) && !problems.containsKey(Member.CLASS);
  }

  Object construct(int stride, int pad) throws Throwable {
    return call(() -> constructor.newInstance(stride, pad));
  }

  Object forward(Object layer, double[][][][] x, double[][][][] w, double[] b) throws Throwable {
    return call(() -> forward.invoke(layer, x, w, b));
  }

  /** Calls backward and reads dx, dw and db; null when backward returned null. */
  Object[] backward(Object layer, double[][][][] dout) throws Throwable {
    Object gradients = call(() -> backward.invoke(layer, (Object) dout));
    if (gradients == null) {
      return null;
    }
    return new Object[] {
      call(() -> dx.invoke(gradients)),
      call(() -> dw.invoke(gradients)),
      call(() -> db.invoke(gradients))
    };
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

  private void findConstructor(Class<?> type) {
    try {
      constructor = type.getDeclaredConstructor(int.class, int.class);
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

  private void findForward(Class<?> type) {
    forward = findMethod(type, "forward", TENSOR4, TENSOR4, double[].class);
    if (forward != null && forward.getReturnType() != TENSOR4) {
      problems.put(Member.FORWARD, signature(forward));
      forward = null;
    } else if (forward == null) {
      problems.put(Member.FORWARD, methodsNamed(type, "forward"));
    }
  }

  private void findBackward(Class<?> type) {
    backward = findMethod(type, "backward", TENSOR4);
    if (backward == null) {
      problems.put(Member.BACKWARD, methodsNamed(type, "backward"));
      return;
    }
    Class<?> gradients = backward.getReturnType();
    dx = accessor(gradients, "dx", TENSOR4);
    dw = accessor(gradients, "dw", TENSOR4);
    db = accessor(gradients, "db", double[].class);
    if (dx == null || dw == null || db == null) {
      problems.put(
          Member.BACKWARD,
          signature(backward)
              + ", but "
              + gradients.getName()
              + " lacks "
              + missingAccessors()
              + " (expected record Gradients(double[][][][] dx, double[][][][] dw, double[] db))");
      backward = null;
    }
  }

  private String missingAccessors() {
    List<String> missing = new ArrayList<>();
    if (dx == null) {
      missing.add("double[][][][] dx()");
    }
    if (dw == null) {
      missing.add("double[][][][] dw()");
    }
    if (db == null) {
      missing.add("double[] db()");
    }
    return String.join(", ", missing);
  }

  private static Method accessor(Class<?> type, String name, Class<?> returnType) {
    Method method = findMethod(type, name);
    return method != null && method.getReturnType() == returnType ? method : null;
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

  private static String signature(java.lang.reflect.Executable executable) {
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
