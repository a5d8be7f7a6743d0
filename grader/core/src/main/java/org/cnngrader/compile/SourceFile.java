package org.cnngrader.compile;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One student source file as javac will see it: decoded, without a byte-order mark, in the package
 * the contract expects, and named after its public type, whatever the LMS renamed it to.
 */
record SourceFile(
    String origin,
    String packageName,
    String typeName,
    Set<String> topLevelTypes,
    String text,
    String adjustments) {

  private static final Pattern PACKAGE =
      Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern PUBLIC_TYPE =
      Pattern.compile(
          "^\\s*public\\s+(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)",
          Pattern.MULTILINE);
  private static final Pattern ANY_TYPE =
      Pattern.compile(
          "^(?:(?:final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)",
          Pattern.MULTILINE);

  /** Top-level declarations start a line; nested ones are indented (a heuristic, not a parser). */
  private static final Pattern TOP_LEVEL_TYPE =
      Pattern.compile(
          "^(?:(?:public|final|abstract|sealed|non-sealed|strictfp)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)",
          Pattern.MULTILINE);

  private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

  /** Reads a file's bytes as the student most likely meant them. */
  static SourceFile of(String origin, byte[] bytes, String expectedPackage) {
    StringBuilder adjustments = new StringBuilder();
    int start = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xef
        && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf) {
      start = 3;
      note(adjustments, "removed a byte-order mark");
    }
    String text = decode(bytes, start, adjustments);
    String code = blankComments(text);
    String packageName;
    Matcher declared = PACKAGE.matcher(code);
    if (declared.find()) {
      packageName = declared.group(1);
    } else {
      packageName = expectedPackage;
      if (!expectedPackage.isEmpty()) {
        // Prepended on the first line, so that the compiler's line numbers still match the
        // student's file.
        text = "package " + expectedPackage + "; " + text;
        note(adjustments, "added the missing 'package " + expectedPackage + ";'");
      }
    }
    String typeName = typeName(code).orElse(null);
    Set<String> topLevel = new LinkedHashSet<>();
    TOP_LEVEL_TYPE.matcher(code).results().forEach(m -> topLevel.add(m.group(1)));
    if (typeName != null) {
      topLevel.add(typeName);
    }
    return new SourceFile(
        origin, packageName, typeName, Set.copyOf(topLevel), text, adjustments.toString());
  }

  /** Where javac expects this file: {@code cnn/Conv2d.java}. */
  String targetPath() {
    String folder = packageName.isEmpty() ? "" : packageName.replace('.', '/') + "/";
    return folder + (typeName == null ? baseName() : typeName) + ".java";
  }

  /** True when this file declares the top-level type {@code simpleName} in {@code packageName}. */
  boolean declares(String packageName, String simpleName) {
    return this.packageName.equals(packageName) && topLevelTypes.contains(simpleName);
  }

  private String baseName() {
    String name = origin.substring(origin.lastIndexOf('/') + 1);
    return name.endsWith(".java") ? name.substring(0, name.length() - 5) : name;
  }

  private static Optional<String> typeName(String code) {
    Matcher publicType = PUBLIC_TYPE.matcher(code);
    if (publicType.find()) {
      return Optional.of(publicType.group(1));
    }
    Matcher anyType = ANY_TYPE.matcher(code);
    return anyType.find() ? Optional.of(anyType.group(1)) : Optional.empty();
  }

  /**
   * Comments replaced by spaces, so that a commented-out declaration is not taken for a real one.
   */
  private static String blankComments(String text) {
    Matcher matcher = COMMENTS.matcher(text);
    StringBuilder blanked = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(
          blanked, Matcher.quoteReplacement(matcher.group().replaceAll("[^\\n]", " ")));
    }
    matcher.appendTail(blanked);
    return blanked.toString();
  }

  private static String decode(byte[] bytes, int start, StringBuilder adjustments) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
          .toString();
    } catch (CharacterCodingException e) {
      note(adjustments, "read as ISO-8859-1 (it is not valid UTF-8)");
      return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
    }
  }

  private static void note(StringBuilder adjustments, String note) {
    adjustments.append(adjustments.length() == 0 ? "" : ", ").append(note);
  }
}
