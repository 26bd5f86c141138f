package io.kspipeline.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * The ground truth of a verify run: input events, each with a unique id (the Kafka key) and its
 * Avro value, and the counts the job must end with, per table key.
 */
record VerifyEvents(List<Event> events, Map<String, Long> expected) {
  /**
   * One input record: its unique id and its value, not yet encoded: an Avro record (sent in the
   * registry's wire format) or, for a job that reads text, a line (sent as UTF-8).
   */
  record Event(String id, SpecificRecord value, String text) {
    Event {
      if ((value == null) == (text == null)) {
        throw new IllegalArgumentException("an event is an Avro record or a text, not both");
      }
    }

    Event(String id, SpecificRecord value) {
      this(id, value, null);
    }

    static Event text(String id, String text) {
      return new Event(id, null, text);
    }
  }

  /** The events from {@code from} (inclusive) to {@code to} (exclusive). */
  List<Event> slice(int from, int to) {
    return events.subList(from, to);
  }

  /** Counts per key of a list of keys, one unit per occurrence. */
  static Map<String, Long> countsOf(List<String> keys) {
    Map<String, Long> counts = new TreeMap<>();
    keys.forEach(k -> counts.merge(k, 1L, Long::sum));
    return counts;
  }
}
