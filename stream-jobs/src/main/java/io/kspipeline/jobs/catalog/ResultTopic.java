package io.kspipeline.jobs.catalog;

import java.util.Objects;

/**
 * A topic a job writes its results to: what a record's key identifies, what its value is (an Avro
 * record name, or {@code text}), and whether the topic is compacted.
 */
public record ResultTopic(String name, String key, String value, boolean compacted) {
  public ResultTopic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  /** Results that replace earlier ones of the same key: compaction keeps the latest of each. */
  public static ResultTopic compacted(String name, String key, String value) {
    return new ResultTopic(name, key, value, true);
  }

  /** One record per event (an alert, a line): a log, which compaction would thin out. */
  public static ResultTopic log(String name, String key, String value) {
    return new ResultTopic(name, key, value, false);
  }
}
