package org.cnngrader.template;

import java.util.ArrayList;
import java.util.List;
import org.cnngrader.layer.Layer;

/**
 * The student template of an assignment's layers, written from their descriptions alone: each
 * layer's class with its constructor and methods, each method a stub that throws until the student
 * writes it, and each record the methods return. Pure: it returns text, and the caller writes the
 * files.
 */
public final class StudentTemplate {

  private StudentTemplate() {}

  /**
   * The sources of {@code layers}' classes, in their order, then of the records they name.
   *
   * @throws TemplateException naming the layer and what no Java source can follow: a name that is
   *     no Java name, two layers of one class, one record declared two ways
   */
  public static List<JavaSource> of(List<Layer> layers) {
    TemplateRecords records = new TemplateRecords();
    List<JavaSource> sources = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    for (Layer layer : layers) {
      LayerClassSource source = new LayerClassSource(layer);
      if (classes.contains(source.className())) {
        throw new TemplateException(
            layer.id() + ": another layer of the assignment is class " + source.className());
      }
      classes.add(source.className());
      sources.add(source.source(records));
    }
    for (String className : classes) {
      if (records.declares(className)) {
        throw new TemplateException("record " + className + " has the name of a layer's class");
      }
    }
    sources.addAll(records.sources());
    return sources;
  }

  /**
   * The message of a stub's exception: the marker IDEs list among the things left to do, and the
   * method to write. What grades a stub as not written yet is its exception and where it is thrown,
   * never this message.
   */
  public static String stubMessage(String simpleName, String method) {
    return "TODO: implement " + simpleName + "." + method;
  }
}
