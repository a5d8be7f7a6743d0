package org.cnngrader.report;

/**
 * How the table marks a score: full marks, some, or none. Plain text by default; the command line
 * supplies colours when it writes to a terminal.
 */
public interface Highlight {

  Highlight PLAIN =
      new Highlight() {
        @Override
        public String full(String text) {
          return text;
        }

        @Override
        public String partial(String text) {
          return text;
        }

        @Override
        public String none(String text) {
          return text;
        }
      };

  String full(String text);

  String partial(String text);

  String none(String text);
}
