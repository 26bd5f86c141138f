package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import org.junit.jupiter.api.Test;

/** The demo runs every job of the catalog (error-lines on the access-log events it produces). */
class DemoJobsTest {
  @Test
  void shouldRunTheCatalogsJobsInItsOrder() {
    assertThat(DemoJobs.JOBS).extracting(JobSpec::name).isEqualTo(JobCatalog.names());
    assertThat(DemoJobs.JOBS)
        .filteredOn(job -> job.name().equals("error-lines"))
        .extracting(JobSpec::input, JobSpec::deadLetterTopic)
        .containsExactly(tuple("access-logs", "access-logs-dlq"));
  }

  @Test
  void shouldRunTheCountsOfHourWindowsAndTheThirdReaderOfAccessLogsLessOften() {
    assertThat(JobCatalog.all())
        .filteredOn(job -> job.api() == JobSpec.Api.STRUCTURED)
        .extracting(job -> job.name() + " " + DemoJobs.liveTrigger(job))
        .containsExactly(
            "status-counts 5s",
            "top-urls 5s",
            "action-counts 10s",
            "trending-hashtags 5s",
            "error-alerts 10s");
  }

  @Test
  void shouldGiveTwiceTheCoresInTaskSlotsAndOneShufflePartitionPerCoreUnlessSet() {
    assertThat(DemoJobs.taskSlots(new java.util.Properties(), 2))
        .containsEntry("spark.master", "local[4]")
        .containsEntry("spark.sql.shuffle.partitions", "2");
    java.util.Properties chosen = new java.util.Properties();
    chosen.setProperty("spark.master", "local[2]");
    chosen.setProperty("spark.sql.shuffle.partitions", "8");
    assertThat(DemoJobs.taskSlots(chosen, 2)).isEmpty();
  }
}
