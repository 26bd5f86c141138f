package io.kspipeline.jobs.checkpoint;

import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a job reset by {@code checkpoint reset --to} starts reading its Kafka input: {@code
 * earliest} (each partition's log start), {@code latest} (each partition's end when the job
 * starts), an ISO time (the first record at or after it, by record timestamp; the end where there
 * is none), or explicit offsets {@code topic:partition=offset,...}.
 */
public sealed interface StartPosition extends Serializable {
  /** The text {@code --to} takes back, as recorded in the checkpoint's start file. */
  String text();

  /** What the position means, for the user. */
  String description();

  /** Each partition's log start. */
  record Earliest() implements StartPosition {
    @Override
    public String text() {
      return "earliest";
    }

    @Override
    public String description() {
      return "the start of each partition's log";
    }
  }

  /** Each partition's end, as it is when the job starts. */
  record Latest() implements StartPosition {
    @Override
    public String text() {
      return "latest";
    }

    @Override
    public String description() {
      return "the end of each partition when the job starts (records produced before are skipped)";
    }
  }

  /**
   * The offsets the job's consumer group committed: where a DStream job's outputs had got to when
   * its checkpoint was moved aside ({@code reset --to checkpoint}); what a DStream job without a
   * checkpoint reads from anyway.
   */
  record Committed() implements StartPosition {
    @Override
    public String text() {
      return "committed";
    }

    @Override
    public String description() {
      return "the offsets the job's consumer group committed (where its outputs had got to)";
    }
  }

  /** The first record of each partition whose timestamp is at or after {@code time}. */
  record AtTime(Instant time) implements StartPosition {
    @Override
    public String text() {
      return time.toString();
    }

    @Override
    public String description() {
      return "the first record of each partition at or after "
          + time
          + " (the end of a partition with none)";
    }
  }

  /** Explicit offsets, every partition of each topic named. */
  record Offsets(Map<TopicPartition, Long> offsets) implements StartPosition {
    public Offsets {
      TreeMap<TopicPartition, Long> sorted = new TreeMap<>(PARTITION_ORDER);
      sorted.putAll(offsets);
      offsets = Collections.unmodifiableMap(new LinkedHashMap<>(sorted));
    }

    @Override
    public String text() {
      return offsets.entrySet().stream()
          .map(e -> e.getKey().topic() + ":" + e.getKey().partition() + "=" + e.getValue())
          .collect(Collectors.joining(","));
    }

    @Override
    public String description() {
      return "offsets " + text();
    }

    public Set<String> topics() {
      return offsets.keySet().stream()
          .map(TopicPartition::topic)
          .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Spark's JSON of starting offsets: {@code {"topic":{"0":12,"1":40}}}. */
    public String sparkJson() {
      Map<String, Map<String, Long>> byTopic = new TreeMap<>();
      offsets.forEach(
          (tp, offset) ->
              byTopic
                  .computeIfAbsent(tp.topic(), t -> new LinkedHashMap<>())
                  .put(String.valueOf(tp.partition()), offset));
      return byTopic.entrySet().stream()
          .map(
              topic ->
                  quoted(topic.getKey())
                      + ":{"
                      + topic.getValue().entrySet().stream()
                          .map(p -> quoted(p.getKey()) + ":" + p.getValue())
                          .collect(Collectors.joining(","))
                      + "}")
          .collect(Collectors.joining(",", "{", "}"));
    }

    private static String quoted(String text) {
      return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }

  java.util.Comparator<TopicPartition> PARTITION_ORDER =
      java.util.Comparator.comparing(TopicPartition::topic)
          .thenComparingInt(TopicPartition::partition);

  /** The forms {@code --to} takes, for messages. */
  String FORMS =
      "earliest, latest, an ISO time (2026-12-03T09:00:00Z) or topic:partition=offset,...";

  /**
   * Parses {@code earliest}, {@code latest}, an ISO-8601 instant or date-time with offset, or
   * {@code topic:partition=offset[,topic:partition=offset...]}.
   */
  static StartPosition parse(String text) {
    String s = text.trim();
    switch (s.toLowerCase(Locale.ROOT)) {
      case "earliest":
        return new Earliest();
      case "latest":
        return new Latest();
      case "committed":
        return new Committed();
      default:
        break;
    }
    if (s.contains("=")) {
      return parseOffsets(s);
    }
    try {
      return new AtTime(Instant.parse(s));
    } catch (DateTimeParseException notAnInstant) {
      try {
        return new AtTime(OffsetDateTime.parse(s).toInstant());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "--to takes " + FORMS + ", not '" + text + "'", notAnInstant);
      }
    }
  }

  private static Offsets parseOffsets(String text) {
    Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
    for (String item : text.split(",")) {
      String entry = item.trim();
      int colon = entry.lastIndexOf(':');
      int equals = entry.indexOf('=', Math.max(colon, 0));
      if (colon <= 0 || equals < colon) {
        throw new IllegalArgumentException(
            "--to offsets are topic:partition=offset,..., not '" + entry + "'");
      }
      try {
        TopicPartition tp =
            new TopicPartition(
                entry.substring(0, colon), Integer.parseInt(entry.substring(colon + 1, equals)));
        long offset = Long.parseLong(entry.substring(equals + 1));
        if (tp.partition() < 0 || offset < 0) {
          throw new NumberFormatException("negative");
        }
        if (offsets.put(tp, offset) != null) {
          throw new IllegalArgumentException("--to names " + tp + " twice");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--to offsets are topic:partition=offset with a partition and an offset of 0 or"
                + " more, not '"
                + entry
                + "'",
            e);
      }
    }
    return new Offsets(offsets);
  }
}
