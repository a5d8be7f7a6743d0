package org.cnngrader.template;

/**
 * A layer's description that no Java source can follow: a name that is no Java name, two methods or
 * records that would clash. The message names the layer and what is wrong.
 */
public final class TemplateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  TemplateException(String message) {
    super(message);
  }
}
