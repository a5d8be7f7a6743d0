package org.cnngrader.report;

/**
 * Text that XML 1.0 can hold. An escaper handles {@code <} and {@code &}, but no escape makes a
 * control character such as ESC legal in XML 1.0; student text may hold any, so each becomes a
 * visible {@code ?}.
 */
final class XmlText {

  private XmlText() {}

  static String clean(String text) {
    StringBuilder legal = new StringBuilder(text.length());
    text.codePoints().forEach(c -> legal.appendCodePoint(isLegal(c) ? c : '?'));
    return legal.toString();
  }

  private static boolean isLegal(int c) {
    return c == 0x9
        || c == 0xA
        || c == 0xD
        || (c >= 0x20 && c <= 0xD7FF)
        || (c >= 0xE000 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0x10FFFF);
  }
}
