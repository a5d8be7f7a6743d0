package org.cnngrader.compile;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cnngrader.runner.Excerpt;

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
      notes = boundedNotes(notes);
      Map<String, String> firstErrors = new LinkedHashMap<>();
      classesLeftOut.forEach(
          (type, error) -> firstErrors.put(type, Excerpt.cut(error, Excerpt.MESSAGE)));
      classesLeftOut = Collections.unmodifiableMap(firstErrors);
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
      // The compiler quotes the submission's lines and names, as many as there are errors.
      diagnostics = Excerpt.cut(diagnostics, Excerpt.DIAGNOSTICS);
      notes = boundedNotes(notes);
    }
  }

  /** There was nothing to compile. */
  record NoSources(String reason) implements Compilation {
    @Override
    public List<String> notes() {
      return List.of();
    }
  }

  /** Each note cut to {@link Excerpt#MESSAGE}: notes name the submission's files. */
  private static List<String> boundedNotes(List<String> notes) {
    return notes.stream().map(note -> Excerpt.cut(note, Excerpt.MESSAGE)).toList();
  }
}
