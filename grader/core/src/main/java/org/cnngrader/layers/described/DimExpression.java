package org.cnngrader.layers.described;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A size as a layer description writes it: integer literals, symbols (a size bound by an input, or
 * a parameter), {@code + - * /} with Java's int division, and parentheses. It evaluates with a
 * case's numbers, and writes itself with them in place of the symbols, as the lesson derives an
 * output size: {@code (H - HH + 2*pad)/stride + 1} becomes {@code (5 - 3 + 2*1)/2 + 1}.
 */
public final class DimExpression {

  /** The grammar's tree: what evaluation walks. */
  private sealed interface Node {
    long value(Map<String, Long> numbers);
  }

  private record Literal(long number) implements Node {
    @Override
    public long value(Map<String, Long> numbers) {
      return number;
    }
  }

  private record Symbol(String name) implements Node {
    @Override
    public long value(Map<String, Long> numbers) {
      Long value = numbers.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no number for " + name);
      }
      return value;
    }
  }

  private record Operation(char operator, Node left, Node right) implements Node {
    @Override
    public long value(Map<String, Long> numbers) {
      long a = left.value(numbers);
      long b = right.value(numbers);
      return switch (operator) {
        case '+' -> a + b;
        case '-' -> a - b;
        case '*' -> a * b;
        default -> {
          if (b == 0) {
            throw new ArithmeticException("divides by zero");
          }
          yield a / b;
        }
      };
    }
  }

  private record Token(String text, int start) {
    boolean isSymbol() {
      return Character.isLetter(text.charAt(0));
    }

    boolean isNumber() {
      return Character.isDigit(text.charAt(0));
    }
  }

  private final String text;
  private final List<Token> tokens;
  private final Node tree;
  private final Set<String> symbols;
  private int next;

  private DimExpression(String text) {
    this.text = text.strip();
    this.tokens = tokenize(this.text);
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException("is empty");
    }
    this.tree = sum();
    if (next < tokens.size()) {
      throw unexpected();
    }
    Set<String> names = new LinkedHashSet<>();
    tokens.stream().filter(Token::isSymbol).forEach(t -> names.add(t.text()));
    this.symbols = Collections.unmodifiableSet(names);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException saying what is wrong and where, e.g. "expected a number, a
   *     symbol or '(' at column 5 of H - "
   */
  public static DimExpression parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("is missing");
    }
    return new DimExpression(text);
  }

  /** The text as written, stripped. */
  public String text() {
    return text;
  }

  /** The symbols it names, in the order they first appear. */
  public Set<String> symbols() {
    return symbols;
  }

  /** Whether it is one symbol alone: {@code N}. */
  public boolean isSymbol() {
    return tokens.size() == 1 && tokens.get(0).isSymbol();
  }

  /** Whether it names no symbol: {@code 2}. */
  public boolean isConstant() {
    return symbols.isEmpty();
  }

  /**
   * Its value with these numbers, as Java's long arithmetic computes it.
   *
   * @throws ArithmeticException when it divides by zero
   * @throws IllegalArgumentException when a symbol has no number
   */
  public long value(Map<String, Long> numbers) {
    return tree.value(numbers);
  }

  /** The text with each symbol replaced by its number: {@code (5 - 3 + 2*1)/2 + 1}. */
  public String substituted(Map<String, Long> numbers) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Token token : tokens) {
      out.append(text, at, token.start());
      Long number = token.isSymbol() ? numbers.get(token.text()) : null;
      out.append(number == null ? token.text() : number.toString());
      at = token.start() + token.text().length();
    }
    return out.append(text.substring(at)).toString();
  }

  /**
   * "(H - HH + 2*pad)/stride + 1 = (5 - 3 + 2*1)/2 + 1 = 3"; a symbol alone is "N = 2", a number
   * alone "2".
   */
  public String derivation(Map<String, Long> numbers) {
    long value = value(numbers);
    if (isConstant()) {
      return text.equals(String.valueOf(value)) ? text : text + " = " + value;
    }
    String substituted = substituted(numbers);
    return isSymbol() || substituted.equals(String.valueOf(value))
        ? text + " = " + value
        : text + " = " + substituted + " = " + value;
  }

  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DimExpression e && e.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int start = i;
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (isAsciiLetter(c)) {
        while (i < text.length()
            && (isAsciiLetter(text.charAt(i))
                || isAsciiDigit(text.charAt(i))
                || text.charAt(i) == '_')) {
          i++;
        }
      } else if (isAsciiDigit(c)) {
        while (i < text.length() && isAsciiDigit(text.charAt(i))) {
          i++;
        }
        if (i - start > 9) {
          throw new IllegalArgumentException(
              "the number "
                  + text.substring(start, i)
                  + " at column "
                  + (start + 1)
                  + " is too large");
        }
      } else if ("+-*/()".indexOf(c) >= 0) {
        i++;
      } else {
        throw new IllegalArgumentException(
            "'"
                + c
                + "' at column "
                + (start + 1)
                + " is not part of an expression (integers, symbols, + - * / and parentheses)");
      }
      tokens.add(new Token(text.substring(start, i), start));
    }
    return tokens;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Node sum() {
    Node left = product();
    while (peek("+") || peek("-")) {
      char operator = tokens.get(next++).text().charAt(0);
      left = new Operation(operator, left, product());
    }
    return left;
  }

  private Node product() {
    Node left = operand();
    while (peek("*") || peek("/")) {
      char operator = tokens.get(next++).text().charAt(0);
      left = new Operation(operator, left, operand());
    }
    return left;
  }

  private Node operand() {
    if (next >= tokens.size()) {
      throw new IllegalArgumentException(
          "ends where a number, a symbol or '(' should follow: " + text);
    }
    Token token = tokens.get(next);
    if (token.isNumber()) {
      next++;
      return new Literal(Long.parseLong(token.text()));
    }
    if (token.isSymbol()) {
      next++;
      return new Symbol(token.text());
    }
    if (token.text().equals("(")) {
      next++;
      Node inner = sum();
      if (!peek(")")) {
        throw next < tokens.size()
            ? unexpected()
            : new IllegalArgumentException("has a '(' that is never closed: " + text);
      }
      next++;
      return inner;
    }
    if (token.text().equals("-")) {
      next++;
      return new Operation('-', new Literal(0), operand());
    }
    throw unexpected();
  }

  private boolean peek(String text) {
    return next < tokens.size() && tokens.get(next).text().equals(text);
  }

  private IllegalArgumentException unexpected() {
    Token token = tokens.get(next);
    return new IllegalArgumentException(
        "'" + token.text() + "' at column " + (token.start() + 1) + " is unexpected in " + text);
  }
}
