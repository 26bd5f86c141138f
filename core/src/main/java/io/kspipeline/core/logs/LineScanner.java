package io.kspipeline.core.logs;

/**
 * A cursor over one log line. Each {@code take...} method consumes one field and leaves its text in
 * the value registers ({@link #valueSource()}, {@link #valueStart()}, {@link #valueEnd()}), so
 * reading a field allocates nothing until the caller decides it needs a String. A failed read
 * records the reason and returns false.
 */
final class LineScanner {
  private static final int EXCERPT_LIMIT = 40;

  private final String line;
  private int pos;
  private String error;

  private String valueSource;
  private int valueStart;
  private int valueEnd;
  private int valueColumn;

  LineScanner(String line) {
    this.line = line;
  }

  boolean atEnd() {
    return pos >= line.length();
  }

  String error() {
    return error;
  }

  /** Records why the line is rejected; always false, so callers can {@code return fail(...)}. */
  boolean fail(String reason) {
    error = reason;
    return false;
  }

  boolean lookingAt(String literal) {
    return line.startsWith(literal, pos);
  }

  /** The character {@code offset} ahead, or 0 past the end. */
  char charAfter(int offset) {
    int at = pos + offset;
    return at < line.length() ? line.charAt(at) : 0;
  }

  void skip(int count) {
    pos += count;
  }

  /** Text up to {@code stop} (or a space, when the field ends the format) or the end of line. */
  boolean takeToken(char stop, String field) {
    int end = line.indexOf(stop, pos);
    if (end < 0) {
      end = line.length();
    }
    if (end == pos) {
      return fail(
          atEnd()
              ? "line ends at column " + column(pos) + ", before the " + field
              : "missing " + field + " at column " + column(pos));
    }
    setValue(line, pos, end, pos);
    pos = end;
    return true;
  }

  /** A {@code [...]} field; the value excludes the brackets. */
  boolean takeBracketed(String field) {
    if (atEnd() || line.charAt(pos) != '[') {
      return failExpected("'['", field);
    }
    int close = line.indexOf(']', pos + 1);
    if (close < 0) {
      return fail("unterminated " + field + " at column " + column(pos));
    }
    setValue(line, pos + 1, close, pos + 1);
    pos = close + 1;
    return true;
  }

  /**
   * A {@code "..."} field in which a backslash escapes the next character. The value is unescaped
   * ({@code \"} and {@code \\}; other escapes such as Apache's {@code \x16} stay as written), and
   * copied only when it holds an escape.
   */
  boolean takeQuoted(String field) {
    if (atEnd() || line.charAt(pos) != '"') {
      return failExpected("'\"'", field);
    }
    int open = pos;
    int i = open + 1;
    boolean escaped = false;
    int length = line.length();
    while (i < length) {
      char c = line.charAt(i);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        escaped = true;
        i++;
      }
      i++;
    }
    if (i >= length) {
      return fail("unterminated quoted field at column " + column(open));
    }
    if (escaped) {
      String unescaped = unescape(open + 1, i);
      setValue(unescaped, 0, unescaped.length(), open + 1);
    } else {
      setValue(line, open + 1, i, open + 1);
    }
    pos = i + 1;
    return true;
  }

  private String unescape(int start, int end) {
    StringBuilder text = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < end) {
        char next = line.charAt(i + 1);
        if (next == '"' || next == '\\') {
          c = next;
          i++;
        }
      }
      text.append(c);
    }
    return text.toString();
  }

  boolean failExpected(String what, String field) {
    if (atEnd()) {
      return fail("line ends at column " + column(pos) + ", before the " + field);
    }
    return fail(
        "expected "
            + what
            + " before the "
            + field
            + " at column "
            + column(pos)
            + ": "
            + excerpt(line, pos, tokenEnd(pos)));
  }

  private void setValue(String source, int start, int end, int lineIndex) {
    valueSource = source;
    valueStart = start;
    valueEnd = end;
    valueColumn = column(lineIndex);
  }

  String valueSource() {
    return valueSource;
  }

  int valueStart() {
    return valueStart;
  }

  int valueEnd() {
    return valueEnd;
  }

  /** The column of the value's first character. */
  int valueColumn() {
    return valueColumn;
  }

  boolean valueIsDash() {
    return valueEnd - valueStart == 1 && valueSource.charAt(valueStart) == '-';
  }

  /** The value as a String; null for {@code -}. */
  String valueOrNull() {
    if (valueIsDash()) {
      return null;
    }
    return valueSource.substring(valueStart, valueEnd);
  }

  /** Rejects the current value as a bad {@code what}, quoting it. */
  boolean failValue(String what) {
    return failAt(what, valueColumn, valueStart, valueEnd);
  }

  /** Rejects part of the current value, e.g. the month of a date, quoting that part. */
  boolean failAt(String what, int column, int start, int end) {
    return fail("bad " + what + " at column " + column + ": " + excerpt(valueSource, start, end));
  }

  static int column(int index) {
    return index + 1;
  }

  private int tokenEnd(int from) {
    int space = line.indexOf(' ', from + 1);
    return space < 0 ? line.length() : space;
  }

  /** A quoted piece of the line for a message, shortened so a huge line gives a short reason. */
  static String excerpt(String text, int start, int end) {
    if (end - start <= EXCERPT_LIMIT) {
      return "\"" + text.substring(start, end) + "\"";
    }
    int cut = start + EXCERPT_LIMIT;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--; // keep a surrogate pair whole
    }
    return "\"" + text.substring(start, cut) + "…\"";
  }
}
