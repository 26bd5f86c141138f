package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

/** The topics the demo creates, from the catalog's declarations of the jobs it runs. */
class DemoTopicsTest {
  @Test
  void shouldCreateInputsAndLogsWithTwoPartitionsAndCompactTheResults() {
    Map<String, String> created = new TreeMap<>();
    for (NewTopic topic : DemoTopics.topics()) {
      String policy =
          topic.configs() == null
              ? "delete"
              : topic.configs().getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, "delete");
      created.put(topic.name(), topic.numPartitions() + " " + policy);
    }

    assertThat(created)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("access-logs", "2 delete"),
                Map.entry("access-logs-dlq", "2 delete"),
                Map.entry("access-logs-late", "2 delete"),
                Map.entry("web-actions", "2 delete"),
                Map.entry("web-actions-dlq", "2 delete"),
                Map.entry("web-actions-late", "2 delete"),
                Map.entry("tweets", "2 delete"),
                Map.entry("tweets-dlq", "2 delete"),
                Map.entry("tweets-late", "2 delete"),
                Map.entry("error-alerts", "2 delete"),
                Map.entry("error-lines", "2 delete"),
                Map.entry("action-counts", "1 compact"),
                Map.entry("status-counts", "1 compact"),
                Map.entry("top-urls", "1 compact"),
                Map.entry("trending-hashtags", "1 compact"),
                Map.entry("popular-hashtags", "1 compact"),
                Map.entry("hashtag-counts", "1 compact")));
  }
}
