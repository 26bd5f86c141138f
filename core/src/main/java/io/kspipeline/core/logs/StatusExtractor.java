package io.kspipeline.core.logs;

/**
 * Finds the HTTP status in a Common/Combined Log Format line: the three digits after the quoted
 * request field. A stop-gap for the walking skeleton; the full parser replaces it.
 */
public final class StatusExtractor {
  private StatusExtractor() {}

  /** The status, or null when the line has none where the format puts it. */
  public static Integer statusOf(String line) {
    int at = statusStart(line);
    return at < 0 ? null : parseStatus(line, at);
  }

  /** Why {@link #statusOf} found no status, or null when it finds one. */
  public static String problemWith(String line) {
    if (line == null || line.isBlank()) {
      return "empty line";
    }
    int at = statusStart(line);
    if (at == -1) {
      return "no quoted request field";
    }
    if (at == -2) {
      return "unterminated quoted request field";
    }
    return parseStatus(line, at) == null ? "status is not a 3-digit number" : null;
  }

  /** Index of the status after the request's closing quote; -1 no request, -2 unterminated. */
  private static int statusStart(String line) {
    if (line == null) {
      return -1;
    }
    int bracket = line.indexOf(']');
    int open = line.indexOf('"', bracket < 0 ? 0 : bracket);
    if (open < 0) {
      return -1;
    }
    for (int i = open + 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        int at = i + 1;
        while (at < line.length() && line.charAt(at) == ' ') {
          at++;
        }
        return at;
      }
    }
    return -2;
  }

  private static Integer parseStatus(String line, int at) {
    if (at + 3 > line.length()) {
      return null;
    }
    int status = 0;
    for (int i = at; i < at + 3; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      status = status * 10 + (c - '0');
    }
    boolean ends = at + 3 == line.length() || line.charAt(at + 3) == ' ';
    return ends && status >= 100 ? status : null;
  }
}
