package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.dstream.DStreamOptions;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * When the demo's DStream jobs are done: each job commits its consumer group's offsets after its
 * outputs, so committed offsets at the end of the input mean every record has been processed and
 * every output written.
 */
final class DemoDrain {
  private DemoDrain() {}

  static void await(String bootstrap, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      while (!drained(admin)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the DStream jobs did not reach the end of their input within " + timeout);
        }
        Thread.sleep(200); // polling the committed offsets
      }
    }
  }

  private static boolean drained(Admin admin) throws Exception {
    for (JobSpec job : DemoJobs.JOBS) {
      if (job.api() == Api.DSTREAM
          && !atEnd(admin, DStreamOptions.defaultGroupId(job.name()), job.input())) {
        return false;
      }
    }
    return true;
  }

  /** Whether the group's committed offsets have reached the end of the topic. */
  static boolean atEnd(Admin admin, String group, String topic) throws Exception {
    long committed = 0;
    for (OffsetAndMetadata offset :
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values()) {
      committed += offset == null ? 0 : offset.offset();
    }
    return committed >= DemoSummary.endOffsets(admin, topic);
  }
}
