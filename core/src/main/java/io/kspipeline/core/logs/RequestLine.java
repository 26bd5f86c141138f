package io.kspipeline.core.logs;

/**
 * Splits a logged request line, {@code METHOD TARGET [PROTOCOL]}, into its parts. Anything else
 * (the {@code -} of a timed-out connection, TLS bytes sent to a plain-HTTP port) leaves all three
 * parts null: such lines are still valid log lines, with a status worth counting.
 */
final class RequestLine {
  // Returned instead of fresh substrings for the values nearly every line has.
  private static final String[] COMMON_METHODS = {
    "GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"
  };
  private static final String[] COMMON_PROTOCOLS = {"HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "HTTP/2"};
  private static final String PROTOCOL_PREFIX = "HTTP/";

  private RequestLine() {}

  /** Sets the draft's method, endpoint and protocol from {@code s[start, end)}. */
  static void split(String s, int start, int end, RecordDraft draft) {
    int firstSpace = s.indexOf(' ', start);
    if (firstSpace < 0 || firstSpace >= end || !isMethod(s, start, firstSpace)) {
      return;
    }
    int targetStart = firstSpace + 1;
    int targetEnd = end;
    String protocol = null;
    int lastSpace = s.lastIndexOf(' ', end - 1);
    if (lastSpace > firstSpace && s.startsWith(PROTOCOL_PREFIX, lastSpace + 1)) {
      protocol = known(COMMON_PROTOCOLS, s, lastSpace + 1, end);
      targetEnd = lastSpace;
    }
    if (targetEnd <= targetStart) {
      return;
    }
    draft.method = known(COMMON_METHODS, s, start, firstSpace);
    draft.endpoint = s.substring(targetStart, targetEnd);
    draft.protocol = protocol;
  }

  /** An HTTP method token as servers log it: upper-case letters, digits, '-' and '_'. */
  private static boolean isMethod(String s, int start, int end) {
    if (end == start || s.charAt(start) < 'A' || s.charAt(start) > 'Z') {
      return false;
    }
    for (int i = start + 1; i < end; i++) {
      char c = s.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static String known(String[] candidates, String s, int start, int end) {
    int length = end - start;
    for (String candidate : candidates) {
      if (candidate.length() == length && s.startsWith(candidate, start)) {
        return candidate;
      }
    }
    return s.substring(start, end);
  }
}
