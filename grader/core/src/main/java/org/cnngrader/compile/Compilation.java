package org.cnngrader.compile;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of compiling a submission; {@code notes} say what was adjusted on the way. */
public sealed interface Compilation {

  List<String> notes();

  /**
   * Compiled into {@code classes}; {@code classesLeftOut} are the contract classes whose files did
   * not compile and were left out (by class name, each with the first error of its file), so that
   * only their layers' parts are lost.
   */
  record Compiled(Path classes, List<String> notes, Map<String, String> classesLeftOut)
      implements Compilation {
    public Compiled {
      notes = List.copyOf(notes);
      classesLeftOut = Collections.unmodifiableMap(new LinkedHashMap<>(classesLeftOut));
    }

    public Compiled(Path classes, List<String> notes) {
      this(classes, notes, Map.of());
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
