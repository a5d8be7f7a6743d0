package org.cnngrader.template;

import java.util.ArrayList;
import java.util.List;

/**
 * A Javadoc comment built from a description's words, laid out as google-java-format lays one out:
 * paragraphs wrapped at 100 columns, lists and block tags with their continuation indents. Words
 * are text, never markup: {@link #text} escapes what Javadoc or the compiler would read otherwise.
 */
final class Javadoc {

  private static final int WIDTH = 100;

  private final String indent;
  private final List<List<String>> blocks = new ArrayList<>();
  private final List<String> tags = new ArrayList<>();

  /** A comment whose lines start with {@code indent} (two spaces for a member). */
  Javadoc(String indent) {
    this.indent = indent;
  }

  /**
   * {@code words} as Javadoc text: HTML's special characters as entities, {@code @} too (a tag at
   * the start of a line), a backslash (the compiler reads a backslash, a u and four hex digits as a
   * character before it reads a comment) and the end of a comment; control characters (a line
   * break) as a space.
   */
  static String text(String words) {
    StringBuilder escaped = new StringBuilder();
    for (int i = 0; i < words.length(); i++) {
      char c = words.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '@' -> escaped.append("&#64;");
        case '\\' -> escaped.append("&#92;");
        case '/' -> escaped.append(i > 0 && words.charAt(i - 1) == '*' ? "&#47;" : "/");
        default -> escaped.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return escaped.toString();
  }

  /** A name in code font: one the description gives, already checked to be a Java name. */
  static String code(String name) {
    return "{@code " + name + "}";
  }

  /** A paragraph of text (escaped words and inline tags); after the first, it opens with a p. */
  Javadoc paragraph(String text) {
    blocks.add(wrap((blocks.isEmpty() ? "" : "<p>") + text, "", ""));
    return this;
  }

  /** A heading of the class's comment. */
  Javadoc heading(String text) {
    blocks.add(List.of("<h2>" + text + "</h2>"));
    return this;
  }

  /** A bulleted list, each item text. */
  Javadoc list(List<String> items) {
    List<String> lines = new ArrayList<>();
    lines.add("<ul>");
    for (String item : items) {
      lines.addAll(wrap(item, "  <li>", "      "));
    }
    lines.add("</ul>");
    blocks.add(lines);
    return this;
  }

  /** Lines kept as they are, each escaped text. */
  Javadoc preformatted(List<String> lines) {
    List<String> block = new ArrayList<>();
    block.add("<pre>");
    block.addAll(lines);
    block.add("</pre>");
    blocks.add(block);
    return this;
  }

  /** A block tag: {@code tag} is {@code param x} or {@code return}. */
  Javadoc tag(String tag, String text) {
    tags.addAll(wrap("@" + tag + " " + text, "", "    "));
    return this;
  }

  /** The comment, each line ending in a line break. */
  String render() {
    List<String> lines = new ArrayList<>();
    for (List<String> block : blocks) {
      if (!lines.isEmpty()) {
        lines.add("");
      }
      lines.addAll(block);
    }
    if (!tags.isEmpty()) {
      if (!lines.isEmpty()) {
        lines.add("");
      }
      lines.addAll(tags);
    }
    StringBuilder comment = new StringBuilder();
    String oneLine = indent + "/** " + (lines.size() == 1 ? lines.get(0) : "") + " */";
    if (lines.size() == 1 && oneLine.length() <= WIDTH) {
      return comment.append(oneLine).append('\n').toString();
    }
    comment.append(indent).append("/**\n");
    for (String line : lines) {
      comment.append(indent).append(line.isEmpty() ? " *" : " * " + line).append('\n');
    }
    return comment.append(indent).append(" */\n").toString();
  }

  /**
   * {@code text} in lines that fit the width, the first opened with {@code first} and the others
   * with {@code next}; an inline tag is never broken, nor is a word longer than a line.
   */
  private List<String> wrap(String text, String first, String next) {
    int room = WIDTH - indent.length() - " * ".length();
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : words(text)) {
      if (!empty && line.length() + 1 + word.length() > room) {
        lines.add(line.toString());
        line = new StringBuilder(next);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    lines.add(line.toString());
    return lines;
  }

  /**
   * The text split at spaces, but not at those of an inline tag, which stays one word. Only the
   * generator writes a brace before an at sign: a description's at signs are escaped.
   */
  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inTag = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' && !inTag) {
        if (word.length() > 0) {
          words.add(word.toString());
          word.setLength(0);
        }
        continue;
      }
      if (c == '{' && i + 1 < text.length() && text.charAt(i + 1) == '@') {
        inTag = true;
      } else if (c == '}') {
        inTag = false;
      }
      word.append(c);
    }
    if (word.length() > 0) {
      words.add(word.toString());
    }
    return words;
  }
}
