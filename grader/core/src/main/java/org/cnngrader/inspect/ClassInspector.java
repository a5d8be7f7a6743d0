package org.cnngrader.inspect;

import java.util.function.Consumer;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** Hands each method of one class to a {@link MethodInspector}. */
final class ClassInspector extends ClassVisitor {

  private final Hierarchy hierarchy;
  private final Consumer<Finding> findings;
  private String className = "";

  ClassInspector(Hierarchy hierarchy, Consumer<Finding> findings) {
    super(Opcodes.ASM9);
    this.hierarchy = hierarchy;
    this.findings = findings;
  }

  @Override
  public void visit(
      int version,
      int access,
      String name,
      String signature,
      String superName,
      String[] interfaces) {
    className = Type.getObjectType(name).getClassName();
  }

  @Override
  public MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    return new MethodInspector(className, name, hierarchy, findings);
  }
}
