package io.kspipeline.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Spark's data-loss failure recognised, and what the user is told. */
class KafkaDataLossTest {
  /** The task failure Spark 3.5.1's Kafka source raises, as the query exception wraps it. */
  private static final String SPARK_MESSAGE =
      "Job aborted due to stage failure: Task 0 in stage 7.0 failed 1 times, most recent failure:"
          + " Lost task 0.0 in stage 7.0 (TID 6) (192.0.2.2 executor driver):"
          + " java.lang.IllegalStateException: Cannot fetch offset 5 (GroupId:"
          + " spark-kafka-source-2e68f04f--136878088-executor, TopicPartition: access-logs-raw-1)."
          + " \nSome data may have been lost because they are not available in Kafka any more;";

  @Test
  void shouldFindTheLossInTheCausesOfAQueryFailure() {
    RuntimeException failure =
        new RuntimeException("query failed", new IllegalStateException(SPARK_MESSAGE));

    assertThat(KafkaDataLoss.in(failure))
        .contains(new KafkaDataLoss("access-logs-raw", 1, 5, null));
  }

  @Test
  void shouldIgnoreOtherFailures() {
    assertThat(KafkaDataLoss.in(new IllegalStateException("Cannot fetch offset"))).isEmpty();
    assertThat(KafkaDataLoss.in(new IllegalStateException((String) null))).isEmpty();
  }

  @Test
  void shouldNameTheRangeWhenTheLogStartIsKnown() {
    KafkaDataLoss loss = new KafkaDataLoss("raw", 0, 5, null);

    assertThat(loss.withFirstAvailable(15).message())
        .startsWith("data loss on raw-0: offsets 5..14 (10) are no longer in Kafka")
        .endsWith("restart with --no-fail-on-data-loss to skip them");
    assertThat(loss.message()).startsWith("data loss on raw-0: offsets from 5 on are no longer");
  }
}
