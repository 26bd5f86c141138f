package io.kspipeline.core.logs;

/**
 * Reads the Common Log Format time, {@code 10/Oct/2000:13:55:36 -0700}, into epoch seconds by hand:
 * fixed positions, a month lookup and the civil-to-days arithmetic, because a DateTimeFormatter
 * costs more than the rest of the line.
 */
final class ClfTimestamp {
  /** Returned by {@link #epochSecond} when the text is not a valid time. */
  static final long INVALID = Long.MIN_VALUE;

  private static final int LENGTH = "10/Oct/2000:13:55:36 -0700".length();
  private static final int MONTH_AT = 3;
  private static final int OFFSET_AT = 21;
  private static final int MAX_OFFSET_HOURS = 18;
  private static final long SECONDS_PER_DAY = 86_400;

  private ClfTimestamp() {}

  /**
   * The scanner's current value as epoch seconds, or {@link #INVALID} with the reason recorded:
   * {@code bad month} or {@code bad offset} pointing at that part, {@code bad date} otherwise.
   */
  static long epochSecond(LineScanner in) {
    String s = in.valueSource();
    int at = in.valueStart();
    int end = in.valueEnd();
    int column = in.valueColumn();
    if (end - at != LENGTH
        || s.charAt(at + 2) != '/'
        || s.charAt(at + 6) != '/'
        || s.charAt(at + 11) != ':'
        || s.charAt(at + 14) != ':'
        || s.charAt(at + 17) != ':'
        || s.charAt(at + 20) != ' ') {
      in.failValue("date");
      return INVALID;
    }
    int month = month(s, at + MONTH_AT);
    if (month == 0) {
      in.failAt("month", column + MONTH_AT, at + MONTH_AT, at + MONTH_AT + 3);
      return INVALID;
    }
    int day = digits(s, at, 2);
    int year = digits(s, at + 7, 4);
    int hour = digits(s, at + 12, 2);
    int minute = digits(s, at + 15, 2);
    int second = digits(s, at + 18, 2);
    if (day < 1
        || day > daysInMonth(year, month)
        || year < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      in.failValue("date");
      return INVALID;
    }
    int offsetSeconds = offsetSeconds(s, at + OFFSET_AT);
    if (offsetSeconds == Integer.MIN_VALUE) {
      in.failAt("offset", column + OFFSET_AT, at + OFFSET_AT, end);
      return INVALID;
    }
    long local =
        epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
    return local - offsetSeconds;
  }

  /** {@code +hhmm} or {@code -hhmm} in seconds, or Integer.MIN_VALUE. */
  private static int offsetSeconds(String s, int at) {
    char sign = s.charAt(at);
    int hours = digits(s, at + 1, 2);
    int minutes = digits(s, at + 3, 2);
    if ((sign != '+' && sign != '-')
        || hours < 0
        || hours > MAX_OFFSET_HOURS
        || minutes < 0
        || minutes > 59
        || (hours == MAX_OFFSET_HOURS && minutes > 0)) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  /** 1–12 for the English abbreviation at {@code at}, 0 for anything else. */
  static int month(String s, int at) {
    char a = s.charAt(at);
    char b = s.charAt(at + 1);
    char c = s.charAt(at + 2);
    int month =
        switch (a) {
          case 'J' -> b == 'a' && c == 'n' ? 1 : b == 'u' ? (c == 'n' ? 6 : c == 'l' ? 7 : 0) : 0;
          case 'F' -> b == 'e' && c == 'b' ? 2 : 0;
          case 'M' -> b == 'a' ? (c == 'r' ? 3 : c == 'y' ? 5 : 0) : 0;
          case 'A' -> b == 'p' && c == 'r' ? 4 : b == 'u' && c == 'g' ? 8 : 0;
          case 'S' -> b == 'e' && c == 'p' ? 9 : 0;
          case 'O' -> b == 'c' && c == 't' ? 10 : 0;
          case 'N' -> b == 'o' && c == 'v' ? 11 : 0;
          case 'D' -> b == 'e' && c == 'c' ? 12 : 0;
          default -> 0;
        };
    return month;
  }

  /** The decimal number of {@code count} ASCII digits at {@code at}, or -1. */
  private static int digits(String s, int at, int count) {
    int value = 0;
    for (int i = at; i < at + count; i++) {
      int digit = s.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  private static boolean isLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
  static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    int shiftedMonth = month > 2 ? month - 3 : month + 9;
    long dayOfYear = (153L * shiftedMonth + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }
}
