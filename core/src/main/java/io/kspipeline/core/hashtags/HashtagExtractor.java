package io.kspipeline.core.hashtags;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the hashtags in text that comes without entities, by the twitter-text rules:
 *
 * <ul>
 *   <li>a hashtag is {@code #} or the full-width {@code ＃}, then letters, marks, decimal digits,
 *       {@code _} and the joiners twitter-text allows (ZWNJ, ZWJ, middle dots, Japanese marks ...),
 *       up to the first other character, with at least one letter or mark (so {@code #2024} is not
 *       one);
 *   <li>the sign must not follow {@code &} ({@code &#39;}) or a hashtag character ({@code
 *       abc#def}); after spaces, punctuation or emoji it may, also after an emoji's variation
 *       selector ({@code ❤️#love});
 *   <li>it is not a hashtag when followed by another sign ({@code #a#b}) or by {@code ://} ({@code
 *       #http://...}), when the sign is a keycap ({@code #️⃣}), or when it is inside a URL ({@code
 *       http://x.com/#anchor}). URLs are recognised by a scheme, a {@code www.} prefix or a {@code
 *       host.tld/} start; twitter-text's full URL grammar (its TLD list) is not repeated.
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class HashtagExtractor {
  private static final char HASH = '#';
  private static final char FULL_WIDTH_HASH = '\uFF03';
  private static final String SPECIAL_HASHTAG_CHARS =
      "_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b"
          + "\u0f0c\u00b7";
  private static final int VARIATION_SELECTOR_TEXT = 0xFE0E;
  private static final int VARIATION_SELECTOR_EMOJI = 0xFE0F;
  private static final int COMBINING_KEYCAP = 0x20E3;

  private HashtagExtractor() {}

  /** The hashtags in order of appearance, as written and without the sign; repeats included. */
  public static List<String> extract(String text) {
    List<String> hashtags = new ArrayList<>(2);
    if (text == null) {
      return hashtags;
    }
    int length = text.length();
    int i = nextSign(text, 0);
    while (i >= 0) {
      int bodyStart = i + 1;
      int bodyEnd = bodyStart;
      boolean hasLetter = false;
      if (mayStartHere(text, i)) {
        while (bodyEnd < length) {
          int c = text.codePointAt(bodyEnd);
          if (!isHashtagChar(c)) {
            break;
          }
          hasLetter |= isLetterOrMark(c);
          bodyEnd += Character.charCount(c);
        }
      }
      if (hasLetter && !endsBadly(text, bodyEnd) && !UrlSpans.isInsideUrl(text, i)) {
        hashtags.add(text.substring(bodyStart, bodyEnd));
      }
      i = nextSign(text, Math.max(bodyEnd, i + 1));
    }
    return hashtags;
  }

  private static int nextSign(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == HASH || c == FULL_WIDTH_HASH) {
        return i;
      }
    }
    return -1;
  }

  /** What comes before and right after the sign at {@code at} allows a hashtag. */
  private static boolean mayStartHere(String text, int at) {
    if (at > 0) {
      int before = text.codePointBefore(at);
      boolean variationSelector =
          before == VARIATION_SELECTOR_TEXT || before == VARIATION_SELECTOR_EMOJI;
      if (!variationSelector && (before == '&' || isHashtagChar(before))) {
        return false;
      }
    }
    if (at + 1 < text.length()) {
      char after = text.charAt(at + 1);
      return after != VARIATION_SELECTOR_EMOJI && after != COMBINING_KEYCAP;
    }
    return true;
  }

  /** Another sign or a URL scheme's {@code ://} right after the tag voids it. */
  private static boolean endsBadly(String text, int end) {
    if (end >= text.length()) {
      return false;
    }
    char next = text.charAt(end);
    return next == HASH || next == FULL_WIDTH_HASH || text.startsWith("://", end);
  }

  static boolean isHashtagChar(int c) {
    return isLetterOrMark(c)
        || Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER
        || (c < Character.MIN_SUPPLEMENTARY_CODE_POINT
            && SPECIAL_HASHTAG_CHARS.indexOf((char) c) >= 0);
  }

  static boolean isLetterOrMark(int c) {
    return switch (Character.getType(c)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.NON_SPACING_MARK,
          Character.ENCLOSING_MARK,
          Character.COMBINING_SPACING_MARK ->
          true;
      default -> false;
    };
  }
}
