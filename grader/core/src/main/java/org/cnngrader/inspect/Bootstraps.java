package org.cnngrader.inspect;

import java.util.Set;
import org.objectweb.asm.Handle;

/**
 * The bootstrap methods that javac emits for ordinary code: lambdas and method references, string
 * concatenation, records' {@code toString}, {@code equals} and {@code hashCode}, and switches on
 * patterns. Any other bootstrap links a call site to code of its own choosing.
 */
final class Bootstraps {

  private static final Set<String> ORDINARY =
      Set.of(
          "java/lang/invoke/LambdaMetafactory.metafactory",
          "java/lang/invoke/LambdaMetafactory.altMetafactory",
          "java/lang/invoke/StringConcatFactory.makeConcat",
          "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
          "java/lang/runtime/ObjectMethods.bootstrap",
          "java/lang/runtime/SwitchBootstraps.typeSwitch",
          "java/lang/runtime/SwitchBootstraps.enumSwitch");

  private Bootstraps() {}

  static boolean isOrdinary(Handle bootstrap) {
    return ORDINARY.contains(bootstrap.getOwner() + "." + bootstrap.getName());
  }
}
