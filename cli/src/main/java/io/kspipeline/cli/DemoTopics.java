package io.kspipeline.cli;

import io.kspipeline.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the demo's topics before anything writes to them. Left to auto-creation, the first
 * idempotent writes can race the new partitions' leadership (OutOfOrderSequenceException); result
 * topics are compacted so they keep the latest value per key.
 */
final class DemoTopics {
  private static final int PARTITIONS = 2;

  /** Inputs, their dead letters and late records, and the error lines (a log, not a table). */
  static final List<String> INPUTS =
      List.of(
          Topics.ACCESS_LOGS,
          Topics.ACCESS_LOGS_DLQ,
          Topics.lateTopicOf(Topics.ACCESS_LOGS),
          Topics.TWEETS,
          Topics.TWEETS_DLQ,
          Topics.lateTopicOf(Topics.TWEETS),
          Topics.ERROR_LINES);

  /** Results keyed by what they count: compacted. */
  static final List<String> RESULTS =
      List.of(
          Topics.STATUS_COUNTS,
          Topics.TOP_URLS,
          Topics.TRENDING_HASHTAGS,
          Topics.POPULAR_HASHTAGS,
          Topics.HASHTAG_COUNTS);

  private DemoTopics() {}

  static void create(String bootstrap) throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : INPUTS) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, PARTITIONS, (short) 1));
        }
      }
      for (String topic : RESULTS) {
        if (!existing.contains(topic)) {
          missing.add(
              new NewTopic(topic, 1, (short) 1)
                  .configs(
                      Map.of(
                          TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
      }
      admin.createTopics(missing).all().get();
    }
  }
}
