package io.kspipeline.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * Event-time windows of a given length and slide, aligned to the epoch as Spark's are, and the keys
 * of windowed counts as verify compares them: {@code <window start> <key>}, as the table's {@code
 * window_start} and key columns and the topic's values give them.
 */
record EventWindows(Duration length, Duration slide) {
  /**
   * The options that run a sliding-window ranking job on these windows: a 1 min watermark (the
   * events span less, so none is late) and a ranking of {@code top} entries.
   */
  List<String> rankingOptions(int top) {
    return List.of(
        "--window",
        length.toSeconds() + "s",
        "--slide",
        slide.toSeconds() + "s",
        "--watermark",
        "1m",
        "--top",
        String.valueOf(top));
  }

  /** Tumbling windows: each time is in one. */
  static EventWindows tumbling(Duration length) {
    return new EventWindows(length, length);
  }

  /** The starts of the windows that hold this time, latest first. */
  List<Instant> startsHolding(Instant time) {
    long t = time.toEpochMilli();
    long slideMillis = slide.toMillis();
    List<Instant> starts = new ArrayList<>();
    for (long start = t - Math.floorMod(t, slideMillis);
        start > t - length.toMillis();
        start -= slideMillis) {
      starts.add(Instant.ofEpochMilli(start));
    }
    return starts;
  }

  /**
   * Whether the window starting here has been reached by an event at {@code newest}: the event is
   * in the window's last slide or later.
   */
  boolean reachedBy(Instant windowStart, Instant newest) {
    long newestSlide =
        newest.toEpochMilli() - Math.floorMod(newest.toEpochMilli(), slide.toMillis());
    return windowStart.toEpochMilli() + length.toMillis() - slide.toMillis() <= newestSlide;
  }

  /** One count key per window that holds an occurrence of {@code key} at {@code time}. */
  List<String> keysOf(Instant time, String key) {
    return startsHolding(time).stream().map(start -> key(start, key)).toList();
  }

  static String key(Instant windowStart, String key) {
    return windowStart + " " + key;
  }

  /** A Ranking's entries as windowed counts. */
  static Map<String, Long> ofRanking(OutputValue value) {
    Instant start = instant(value.get("windowStart"));
    Map<String, Long> counts = new HashMap<>();
    for (Object entry : (List<?>) value.get("entries")) {
      OutputValue e = OutputValue.avro((GenericRecord) entry);
      counts.put(key(start, e.get("key").toString()), (Long) e.get("count"));
    }
    return counts;
  }

  /** A WindowedCount as the one windowed count it states. */
  static Map<String, Long> ofWindowedCount(OutputValue value) {
    return Map.of(
        key(instant(value.get("windowStart")), value.get("key").toString()),
        (Long) value.get("count"));
  }

  /** A timestamp-millis field: an Instant when the reader applies logical types, else millis. */
  private static Instant instant(Object field) {
    return field instanceof Instant i ? i : Instant.ofEpochMilli((Long) field);
  }
}
