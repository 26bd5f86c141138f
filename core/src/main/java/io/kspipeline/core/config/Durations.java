package io.kspipeline.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Durations as people write them on command lines: {@code 500ms}, {@code 10s}, {@code 5m}, {@code
 * 1h}.
 */
public final class Durations {
  private Durations() {}

  public static Duration parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (s.startsWith("p")) {
        return Duration.parse(s.toUpperCase(Locale.ROOT));
      }
      int unitStart = 0;
      while (unitStart < s.length() && Character.isDigit(s.charAt(unitStart))) {
        unitStart++;
      }
      if (unitStart == 0) {
        throw new IllegalArgumentException(invalid(text));
      }
      long amount = Long.parseLong(s.substring(0, unitStart));
      return switch (s.substring(unitStart).trim()) {
        case "ms" -> Duration.ofMillis(amount);
        case "s", "sec", "second", "seconds" -> Duration.ofSeconds(amount);
        case "m", "min", "minute", "minutes" -> Duration.ofMinutes(amount);
        case "h", "hour", "hours" -> Duration.ofHours(amount);
        case "d", "day", "days" -> Duration.ofDays(amount);
        default -> throw new IllegalArgumentException(invalid(text));
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(invalid(text), e);
    }
  }

  /** Spark's interval syntax, e.g. {@code 10 seconds}. */
  public static String toSparkInterval(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " seconds"
        : duration.toMillis() + " milliseconds";
  }

  private static String invalid(String text) {
    return "not a duration: '" + text + "' (use e.g. 500ms, 10s, 5m, 1h or ISO-8601 PT10S)";
  }
}
