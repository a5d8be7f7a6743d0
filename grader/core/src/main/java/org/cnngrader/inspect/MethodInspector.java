package org.cnngrader.inspect;

import java.util.function.Consumer;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** Reports the flagged members that one method's code uses, with the line of each use. */
final class MethodInspector extends MethodVisitor {

  private final String className;
  private final String methodName;
  private final Hierarchy hierarchy;
  private final Consumer<Finding> findings;
  private int line = Finding.UNKNOWN_LINE;

  MethodInspector(
      String className, String methodName, Hierarchy hierarchy, Consumer<Finding> findings) {
    super(Opcodes.ASM9);
    this.className = className;
    this.methodName = methodName;
    this.hierarchy = hierarchy;
    this.findings = findings;
  }

  @Override
  public void visitLineNumber(int line, Label start) {
    // ASM reports a line as it reaches the label where the line starts, before its instructions.
    this.line = line;
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    checkUse(owner, name, descriptor);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    checkUse(owner, name, descriptor);
  }

  @Override
  public void visitInvokeDynamicInsn(
      String name, String descriptor, Handle bootstrap, Object... arguments) {
    checkBootstrap(bootstrap, arguments);
  }

  @Override
  public void visitLdcInsn(Object value) {
    checkConstant(value);
  }

  /**
   * A lambda or method reference is an ordinary bootstrap whose arguments name the implementation:
   * {@code IntConsumer c = System::exit} uses {@code System.exit} as surely as a call would.
   */
  private void checkBootstrap(Handle bootstrap, Object[] arguments) {
    if (!Bootstraps.isOrdinary(bootstrap)) {
      report(FindingKind.REFLECTION, memberName(bootstrap.getOwner(), bootstrap.getName()));
    }
    for (Object argument : arguments) {
      checkConstant(argument);
    }
  }

  private void checkConstant(Object constant) {
    if (constant instanceof Handle handle) {
      checkUse(handle.getOwner(), handle.getName(), handle.getDesc());
    } else if (constant instanceof ConstantDynamic dynamic) {
      Object[] arguments = new Object[dynamic.getBootstrapMethodArgumentCount()];
      for (int i = 0; i < arguments.length; i++) {
        arguments[i] = dynamic.getBootstrapMethodArgument(i);
      }
      checkBootstrap(dynamic.getBootstrapMethod(), arguments);
    }
  }

  private void checkUse(String owner, String name, String descriptor) {
    for (String candidate : hierarchy.lookupOrder(owner, name)) {
      var kind = MemberRules.classify(candidate, name, descriptor);
      if (kind.isPresent()) {
        report(kind.get(), memberName(candidate, name));
        return;
      }
    }
  }

  private void report(FindingKind kind, String member) {
    findings.accept(new Finding(kind, className, methodName, line, member));
  }

  /** {@code java.lang.System.exit}, or {@code new java.io.File} for a constructor. */
  private static String memberName(String owner, String name) {
    String type = Type.getObjectType(owner).getClassName();
    return name.equals("<init>") ? "new " + type : type + "." + name;
  }
}
