package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.ResultTopic;
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
 * topics are compacted as the catalog declares, so they keep the latest value per key.
 */
final class DemoTopics {
  private static final int PARTITIONS = 2;

  private DemoTopics() {}

  /** The demo jobs' inputs, dead letters and late records, and their results. */
  static List<NewTopic> topics() {
    List<NewTopic> topics = new ArrayList<>();
    for (String topic : JobCatalog.inputSideTopics(DemoJobs.JOBS)) {
      topics.add(new NewTopic(topic, PARTITIONS, (short) 1));
    }
    for (ResultTopic result : JobCatalog.outputs(DemoJobs.JOBS)) {
      topics.add(
          result.compacted()
              ? new NewTopic(result.name(), 1, (short) 1)
                  .configs(
                      Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))
              : new NewTopic(result.name(), PARTITIONS, (short) 1));
    }
    return topics;
  }

  static void create(String bootstrap) throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (NewTopic topic : topics()) {
        if (!existing.contains(topic.name())) {
          missing.add(topic);
        }
      }
      admin.createTopics(missing).all().get();
    }
  }
}
