package io.kspipeline.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * How many terminal columns text takes, and padding and abbreviating by that width rather than by
 * {@code String.length()}: a CJK hashtag such as {@code 東京} is 2 chars but 4 columns, {@code e}
 * plus a combining acute is 2 chars but 1 column, an emoji is 2 chars (a surrogate pair) and 2
 * columns.
 *
 * <p>Widths follow what terminals do (wcwidth): code points that are East Asian Wide (W) or
 * Fullwidth (F) in Unicode's EastAsianWidth.txt take 2 columns; combining marks (Mn, Me), format
 * characters (Cf: zero-width joiner and spaces, bidi marks), variation selectors and the conjoining
 * Hangul vowels and final consonants take 0; everything else 1, East Asian Ambiguous included (as
 * terminals outside CJK locales render them, {@code …} among them).
 *
 * <p>Text is cut only between clusters — a base character with the marks, variation selectors and
 * skin-tone modifiers that follow it, a pair of regional indicators (a flag), code points joined by
 * a zero-width joiner — so a cut never splits a surrogate pair or leaves a mark without its base.
 * Widths of a cluster are summed per code point as wcwidth does, so an emoji ZWJ sequence counts
 * more columns than terminals that draw it as one glyph use; such keys are rare in the demo.
 */
final class DisplayWidth {
  static final String ELLIPSIS = "…";

  /**
   * The W and F ranges of EastAsianWidth.txt (Unicode 15), sorted, start and end inclusive.
   * Adjacent ranges are merged where the gap between them is unassigned, so the table stays short;
   * within the pictograph blocks (U+1F300..U+1F64F, U+1F680..U+1F6FF, U+1F900..U+1F9FF) a few
   * symbols are Neutral (text presentation) but are counted 2 here, as they are mostly written with
   * an emoji variation selector and then drawn 2 columns wide.
   */
  private static final int[] WIDE = {
    0x1100, 0x115F, // Hangul Jamo leading consonants (syllable-initial, the rest conjoin)
    0x231A, 0x231B, // watch, hourglass: the BMP emoji with emoji presentation, from here ...
    0x2329, 0x232A,
    0x23E9, 0x23EC,
    0x23F0, 0x23F0,
    0x23F3, 0x23F3,
    0x25FD, 0x25FE,
    0x2614, 0x2615,
    0x2648, 0x2653,
    0x267F, 0x267F,
    0x2693, 0x2693,
    0x26A1, 0x26A1,
    0x26AA, 0x26AB,
    0x26BD, 0x26BE,
    0x26C4, 0x26C5,
    0x26CE, 0x26CE,
    0x26D4, 0x26D4,
    0x26EA, 0x26EA,
    0x26F2, 0x26F3,
    0x26F5, 0x26F5,
    0x26FA, 0x26FA,
    0x26FD, 0x26FD,
    0x2705, 0x2705,
    0x270A, 0x270B,
    0x2728, 0x2728,
    0x274C, 0x274C,
    0x274E, 0x274E,
    0x2753, 0x2755,
    0x2757, 0x2757,
    0x2795, 0x2797,
    0x27B0, 0x27B0,
    0x27BF, 0x27BF,
    0x2B1B, 0x2B1C,
    0x2B50, 0x2B50,
    0x2B55, 0x2B55, // ... to here
    0x2E80, 0x303E, // CJK radicals, Kangxi radicals, CJK symbols and punctuation
    0x3041, 0x33FF, // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, enclosed CJK
    0x3400, 0x4DBF, // CJK ideographs extension A
    0x4E00, 0x9FFF, // CJK unified ideographs
    0xA000, 0xA4CF, // Yi
    0xA960, 0xA97F, // Hangul Jamo extended A
    0xAC00, 0xD7A3, // Hangul syllables
    0xF900, 0xFAFF, // CJK compatibility ideographs
    0xFE10, 0xFE19, // vertical forms
    0xFE30, 0xFE6F, // CJK compatibility forms, small form variants
    0xFF00, 0xFF60, // fullwidth ASCII
    0xFFE0, 0xFFE6, // fullwidth signs
    0x16FE0, 0x16FE4, // ideographic symbols
    0x17000, 0x18CFF, // Tangut, Khitan
    0x1AFF0, 0x1B2FF, // Kana supplement and extensions, Nushu
    0x1F004, 0x1F004, // mahjong red dragon
    0x1F0CF, 0x1F0CF, // joker
    0x1F18E, 0x1F18E, // AB button
    0x1F191, 0x1F19A, // squared CL .. VS
    0x1F200, 0x1F2FF, // enclosed ideographic supplement
    0x1F300, 0x1F64F, // miscellaneous symbols and pictographs, emoticons
    0x1F680, 0x1F6FF, // transport and map symbols
    0x1F7E0, 0x1F7EB, // large coloured circles and squares
    0x1F90C, 0x1F9FF, // supplemental symbols and pictographs
    0x1FA70, 0x1FAFF, // symbols and pictographs extended A
    0x20000, 0x2FFFD, // CJK ideographs extensions B..F (plane 2)
    0x30000, 0x3FFFD, // CJK ideographs extensions G.. (plane 3)
  };

  private static final int ZERO_WIDTH_JOINER = 0x200D;

  private DisplayWidth() {}

  /** Columns of one code point: 0, 1 or 2. */
  static int of(int codePoint) {
    if (zeroWidth(codePoint)) {
      return 0;
    }
    return wide(codePoint) ? 2 : 1;
  }

  /** Columns of the text. */
  static int of(String text) {
    return text.codePoints().map(DisplayWidth::of).sum();
  }

  /** The text, or its longest leading part that fits with {@code …} in {@code max} columns. */
  static String abbreviate(String text, int max) {
    if (of(text) <= max) {
      return text;
    }
    if (max < 1) {
      return "";
    }
    List<Integer> bounds = clusterBounds(text);
    int cut = 0;
    int used = 0;
    for (int i = 0; i + 1 < bounds.size(); i++) {
      used += of(text.substring(bounds.get(i), bounds.get(i + 1)));
      if (used > max - 1) {
        break;
      }
      cut = bounds.get(i + 1);
    }
    return text.substring(0, cut) + ELLIPSIS;
  }

  /**
   * The text, or {@code …} and its longest trailing part that fits in {@code max} columns: for
   * paths, whose end says the most.
   */
  static String abbreviateStart(String text, int max) {
    if (of(text) <= max) {
      return text;
    }
    if (max < 1) {
      return "";
    }
    List<Integer> bounds = clusterBounds(text);
    int cut = text.length();
    int used = 0;
    for (int i = bounds.size() - 1; i > 0; i--) {
      used += of(text.substring(bounds.get(i - 1), bounds.get(i)));
      if (used > max - 1) {
        break;
      }
      cut = bounds.get(i - 1);
    }
    return ELLIPSIS + text.substring(cut);
  }

  /** The text with spaces after it to fill {@code columns}. */
  static String padEnd(String text, int columns) {
    return text + " ".repeat(Math.max(0, columns - of(text)));
  }

  /** The text with spaces before it to fill {@code columns}: for numbers. */
  static String padStart(String text, int columns) {
    return " ".repeat(Math.max(0, columns - of(text))) + text;
  }

  /** Exactly {@code columns} wide: abbreviated, then padded. */
  static String fit(String text, int columns) {
    return padEnd(abbreviate(text, columns), columns);
  }

  /** Where each cluster starts, and the text's length: the places text may be cut. */
  private static List<Integer> clusterBounds(String text) {
    List<Integer> bounds = new ArrayList<>();
    for (int start = 0; start < text.length(); start = clusterEnd(text, start)) {
      bounds.add(start);
    }
    bounds.add(text.length());
    return bounds;
  }

  /** Where the cluster starting at {@code start} ends (exclusive). */
  private static int clusterEnd(String text, int start) {
    int previous = text.codePointAt(start);
    int end = start + Character.charCount(previous);
    if (regionalIndicator(previous)
        && end < text.length()
        && regionalIndicator(text.codePointAt(end))) {
      previous = text.codePointAt(end);
      end += Character.charCount(previous);
    }
    while (end < text.length()) {
      int next = text.codePointAt(end);
      if (previous != ZERO_WIDTH_JOINER && !extendsCluster(next)) {
        break;
      }
      previous = next;
      end += Character.charCount(next);
    }
    return end;
  }

  /** Code points drawn with (or onto) the character before them. */
  private static boolean extendsCluster(int codePoint) {
    return (zeroWidth(codePoint) && Character.getType(codePoint) != Character.CONTROL)
        || Character.getType(codePoint) == Character.COMBINING_SPACING_MARK
        || (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF); // emoji skin-tone modifiers
  }

  private static boolean zeroWidth(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.NON_SPACING_MARK // includes the variation selectors
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT // zero-width joiner and space, bidi marks
        || type == Character.CONTROL // never drawn; callers replace them before display
        || (codePoint >= 0x1160 && codePoint <= 0x11FF); // Hangul vowels, finals: conjoin
  }

  private static boolean regionalIndicator(int codePoint) {
    return codePoint >= 0x1F1E6 && codePoint <= 0x1F1FF;
  }

  private static boolean wide(int codePoint) {
    int low = 0;
    int high = WIDE.length / 2 - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (codePoint < WIDE[2 * mid]) {
        high = mid - 1;
      } else if (codePoint > WIDE[2 * mid + 1]) {
        low = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }
}
