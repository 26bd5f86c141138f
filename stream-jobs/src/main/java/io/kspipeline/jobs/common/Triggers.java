package io.kspipeline.jobs.common;

import io.kspipeline.core.config.Durations;
import java.time.Duration;
import java.util.Locale;
import org.apache.spark.sql.streaming.Trigger;

/** The --trigger option: an interval or "available-now". */
public final class Triggers {
  /** What kind of trigger a query runs with. */
  public enum Kind {
    INTERVAL,
    AVAILABLE_NOW
  }

  private Triggers() {}

  public static Kind kindOf(String text) {
    return text.trim().toLowerCase(Locale.ROOT).equals("available-now")
        ? Kind.AVAILABLE_NOW
        : Kind.INTERVAL;
  }

  public static Duration intervalOf(String text) {
    if (kindOf(text) != Kind.INTERVAL) {
      throw new IllegalArgumentException("--trigger " + text + " has no interval");
    }
    return Durations.parse(text);
  }

  public static Trigger of(String text) {
    return kindOf(text) == Kind.AVAILABLE_NOW
        ? Trigger.AvailableNow()
        : Trigger.ProcessingTime(intervalOf(text).toMillis());
  }
}
