package org.cnngrader.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class StaticScannerTest {

  @TempDir Path temp;

  @Test
  void findsAUseInsideALambdaInTheLambdasBody() throws Exception {
    String source =
        """
        package cnn;

        class Quitter {
          Runnable later() {
            return () -> System.exit(3);
          }
        }
        """;

    List<Finding> findings = scan(Map.of("cnn/Quitter.java", source));

    assertThat(findings)
        .containsExactly(
            new Finding(
                FindingKind.EXIT, "cnn.Quitter", "lambda$later$0", 5, "java.lang.System.exit"));
    assertThat(findings.get(0).where()).isEqualTo("cnn.Quitter.later (in a lambda), line 5");
  }

  @Test
  void findsAClassThatExtendsThreadAndTheThreadsItStarts() throws Exception {
    String worker =
        """
        package cnn;

        class Worker extends Thread {
          @Override
          public void run() {}

          static void launch() {
            new Worker().start();
          }
        }
        """;
    String busy =
        """
        package cnn;

        class Busy extends Worker {
          static void launch() {
            new Busy().start();
          }
        }
        """;

    List<Finding> findings = scan(Map.of("cnn/Worker.java", worker, "cnn/Busy.java", busy));

    // The constructor's call to Thread's is the class extending Thread; creating a Worker is not
    // a second finding, but starting one is, however far down the subclass.
    assertThat(findings)
        .containsExactly(
            new Finding(FindingKind.THREADS, "cnn.Busy", "launch", 5, "java.lang.Thread.start"),
            new Finding(FindingKind.THREADS, "cnn.Worker", "<init>", 3, "new java.lang.Thread"),
            new Finding(FindingKind.THREADS, "cnn.Worker", "launch", 8, "java.lang.Thread.start"));
  }

  @Test
  void findsAClassLoaderOfTheSubmissionsOwnAndWhatItDefines() throws Exception {
    String source =
        """
        package cnn;

        class Loader extends ClassLoader {
          Class<?> make(byte[] bytes) {
            return defineClass("cnn.Made", bytes, 0, bytes.length);
          }
        }
        """;

    assertThat(scan(Map.of("cnn/Loader.java", source)))
        .containsExactly(
            new Finding(
                FindingKind.REFLECTION, "cnn.Loader", "<init>", 3, "new java.lang.ClassLoader"),
            new Finding(
                FindingKind.REFLECTION,
                "cnn.Loader",
                "make",
                5,
                "java.lang.ClassLoader.defineClass"));
  }

  @Test
  void findsAnInvokedynamicWithABootstrapOfItsOwnAndAHandleConstant() throws Exception {
    Path classes = Files.createDirectories(temp.resolve("classes/cnn"));
    Files.write(classes.resolve("Crafted.class"), craftedClass());

    assertThat(StaticScanner.scan(temp.resolve("classes")))
        .containsExactly(
            new Finding(FindingKind.EXIT, "cnn.Crafted", "quiet", -1, "java.lang.System.exit"),
            new Finding(FindingKind.REFLECTION, "cnn.Crafted", "run", 7, "cnn.Crafted.boot"),
            new Finding(FindingKind.EXIT, "cnn.Crafted", "run", 8, "java.lang.System.exit"));
  }

  @Test
  void sortsByClassThenLineAndMergesTheSameUseOnOneLine() throws Exception {
    String second =
        """
        package cnn;

        class Second {
          void twice() { System.exit(1); System.exit(2); }

          void again() {
            System.exit(3);
          }
        }
        """;
    String first =
        """
        package cnn;

        class First {
          void stop() {
            Runtime.getRuntime().halt(0);
          }
        }
        """;

    List<Finding> findings = scan(Map.of("cnn/Second.java", second, "cnn/First.java", first));

    assertThat(findings)
        .containsExactly(
            new Finding(FindingKind.EXIT, "cnn.First", "stop", 5, "java.lang.Runtime.halt"),
            new Finding(FindingKind.EXIT, "cnn.Second", "twice", 4, "java.lang.System.exit"),
            new Finding(FindingKind.EXIT, "cnn.Second", "again", 7, "java.lang.System.exit"));
    assertThatThrownBy(() -> findings.remove(0)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void namesAClassFileThatCannotBeParsed() throws Exception {
    Path classes = JavaSources.compile(temp, Map.of("cnn/Fine.java", "package cnn; class Fine {}"));
    byte[] bytes = Files.readAllBytes(classes.resolve("cnn/Fine.class"));
    Files.write(classes.resolve("cnn/Broken.class"), Arrays.copyOf(bytes, bytes.length / 2));

    assertThatThrownBy(() -> StaticScanner.scan(classes))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(classes.resolve("cnn/Broken.class").toString());
  }

  @Test
  void skipsModuleInfoAndFilesThatAreNotClasses() throws Exception {
    Path classes = JavaSources.compile(temp, Map.of("cnn/Fine.java", "package cnn; class Fine {}"));
    Files.write(classes.resolve("module-info.class"), new byte[] {1, 2, 3});
    Files.writeString(classes.resolve("cnn/notes.txt"), "System.exit(1)");

    assertThat(StaticScanner.scan(classes)).isEmpty();
  }

  @Test
  void refusesAPathThatIsNotAFolder() throws Exception {
    Path file = Files.writeString(temp.resolve("Conv2d.class"), "");

    assertThatThrownBy(() -> StaticScanner.scan(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString());
  }

  private List<Finding> scan(Map<String, String> sources) throws IOException {
    return StaticScanner.scan(JavaSources.compile(temp, sources));
  }

  /**
   * A class that javac would never write: an invokedynamic bootstrapped by a method of its own, a
   * method handle constant, and a method without line numbers.
   */
  private static byte[] craftedClass() {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "cnn/Crafted", null, "java/lang/Object", null);
    MethodVisitor run = writer.visitMethod(Opcodes.ACC_STATIC, "run", "()V", null, null);
    run.visitCode();
    Label first = new Label();
    run.visitLabel(first);
    run.visitLineNumber(7, first);
    run.visitInvokeDynamicInsn(
        "go",
        "()V",
        new Handle(
            Opcodes.H_INVOKESTATIC,
            "cnn/Crafted",
            "boot",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
                + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;",
            false));
    Label second = new Label();
    run.visitLabel(second);
    run.visitLineNumber(8, second);
    run.visitLdcInsn(new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "exit", "(I)V", false));
    run.visitInsn(Opcodes.POP);
    run.visitInsn(Opcodes.RETURN);
    run.visitMaxs(0, 0);
    run.visitEnd();
    MethodVisitor quiet = writer.visitMethod(Opcodes.ACC_STATIC, "quiet", "()V", null, null);
    quiet.visitCode();
    quiet.visitInsn(Opcodes.ICONST_0);
    quiet.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
    quiet.visitInsn(Opcodes.RETURN);
    quiet.visitMaxs(0, 0);
    quiet.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }
}
