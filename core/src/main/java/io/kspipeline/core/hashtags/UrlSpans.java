package io.kspipeline.core.hashtags;

/**
 * Tells whether a position lies inside a URL, so the fragment of {@code http://x.com/#anchor} is
 * not taken for a hashtag. A URL is the whitespace-free run around the position when, before the
 * position, it has a scheme ({@code ://}), starts with {@code www.}, or starts with a dotted host
 * name and a slash ({@code x.com/}).
 */
final class UrlSpans {
  private static final int MIN_TLD_LENGTH = 2;

  private UrlSpans() {}

  static boolean isInsideUrl(String text, int at) {
    int runStart = at;
    while (runStart > 0 && !Character.isWhitespace(text.charAt(runStart - 1))) {
      runStart--;
    }
    if (runStart == at) {
      return false;
    }
    if (indexOf(text, "://", runStart, at) >= 0) {
      return true;
    }
    while (runStart < at && !Character.isLetterOrDigit(text.charAt(runStart))) {
      runStart++; // "(www.x.com/#a)"
    }
    if (text.regionMatches(true, runStart, "www.", 0, 4)) {
      return true;
    }
    int slash = text.indexOf('/', runStart);
    return slash > runStart && slash < at && isHostName(text, runStart, slash);
  }

  private static int indexOf(String text, String part, int from, int to) {
    int found = text.indexOf(part, from);
    return found >= 0 && found + part.length() <= to ? found : -1;
  }

  /** Dot-separated labels of ASCII letters, digits and '-', the last of two or more letters. */
  private static boolean isHostName(String text, int start, int end) {
    int lastDot = text.lastIndexOf('.', end - 1);
    if (lastDot <= start || end - lastDot - 1 < MIN_TLD_LENGTH) {
      return false;
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      boolean allowed = letter || (c >= '0' && c <= '9') || c == '-' || c == '.';
      if (!allowed
          || (i > lastDot && !letter)
          || (c == '.' && (i == start || text.charAt(i - 1) == '.'))) {
        return false;
      }
    }
    return true;
  }
}
