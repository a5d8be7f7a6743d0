package org.cnngrader.compile;

import java.nio.file.Path;
import java.util.List;

/** The outcome of compiling a submission; {@code notes} say what was adjusted on the way. */
public sealed interface Compilation {

  List<String> notes();

  /** Compiled into {@code classes}. */
  record Compiled(Path classes, List<String> notes) implements Compilation {
    public Compiled {
      notes = List.copyOf(notes);
    }
  }

  /**
   * The compiler refused; {@code diagnostics} are its messages, compiler-style {@code file:line:
   * error: ...}.
   */
  record Failed(String diagnostics, List<String> notes) implements Compilation {
    public Failed {
      notes = List.copyOf(notes);
    }
  }

  /** There was nothing to compile. */
  record NoSources(String reason) implements Compilation {
    @Override
    public List<String> notes() {
      return List.of();
    }
  }
}
