package io.kspipeline.jobs.common.divert;

import java.io.Serializable;
import java.util.Locale;

/**
 * Where a job sends the records it sets aside (dead letters, late records): a Kafka topic, a
 * directory of JSON-lines files (one sub-directory per micro-batch), or the console. Parsed from
 * {@code topic:NAME}, {@code file:PATH} or {@code console}.
 */
public sealed interface Destination extends Serializable {
  /** A Kafka topic; records keep their key, values are encoded as the topic's readers expect. */
  record Topic(String name) implements Destination {
    @Override
    public String toString() {
      return "topic:" + name;
    }
  }

  /**
   * A directory (any Hadoop path: local, HDFS, S3) holding {@code batch=<id>/part-*.json} per
   * micro-batch, so a replayed batch overwrites what it wrote before and {@code
   * spark.read.json(path)} reads them all with a {@code batch} column.
   */
  record Directory(String path) implements Destination {
    @Override
    public String toString() {
      return "file:" + path;
    }
  }

  /** Printed as a table after each micro-batch's results. */
  record Console() implements Destination {
    @Override
    public String toString() {
      return "console";
    }
  }

  /** Whether writing here needs a Kafka broker. */
  default boolean usesKafka() {
    return this instanceof Topic;
  }

  /**
   * Parses {@code topic:NAME}, {@code file:PATH} or {@code console}.
   *
   * @param option the option that gave it, for the error message
   */
  static Destination parse(String spec, String option) {
    String lower = spec.toLowerCase(Locale.ROOT);
    if (lower.equals("console")) {
      return new Console();
    }
    if (lower.startsWith("topic:") && spec.length() > "topic:".length()) {
      return new Topic(spec.substring("topic:".length()));
    }
    if (lower.startsWith("file:") && spec.length() > "file:".length()) {
      return new Directory(spec.substring("file:".length()));
    }
    throw new IllegalArgumentException(
        option + " takes topic, topic:NAME, file:PATH or console, not '" + spec + "'");
  }
}
