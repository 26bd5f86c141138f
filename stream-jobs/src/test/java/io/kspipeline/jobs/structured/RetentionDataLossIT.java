package io.kspipeline.jobs.structured;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.KafkaDataLoss;
import io.kspipeline.jobs.common.KafkaDataLossException;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.jobs.common.metrics.MetricsRegistry;
import io.kspipeline.jobs.common.metrics.PipelineMetrics;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import io.kspipeline.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that leave Kafka while status-counts is stopped: by default the job fails naming the lost
 * offsets; with {@code --no-fail-on-data-loss} it goes on and the metrics count what it skipped.
 *
 * <p>The records are deleted with {@code Admin.deleteRecords}, which moves the partition's log
 * start offset just as retention does when it deletes old segments, and the Kafka source sees only
 * that offset. Unlike retention it takes effect at once and needs no broker setting, so the test
 * neither waits for the retention check nor depends on where the broker runs.
 */
class RetentionDataLossIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  private static final String LINE =
      "10.1.2.3 - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 512 \"-\" \"curl/7.50\"";
  private static final String COUNTS_QUERY = StatusCountsJob.NAME;

  @TempDir Path checkpoints;

  private final SparkSession spark = SparkTestSession.get();

  @Test
  void shouldFailNamingTheLostOffsetsByDefault() throws Exception {
    String topic = "aged-fail";
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      readFiveThenLoseTen(topic, db, true);

      assertThatThrownBy(() -> run(topic, db, true))
          .isInstanceOf(KafkaDataLossException.class)
          .hasMessage(
              "data loss on aged-fail-0: offsets 5..14 (10) are no longer in Kafka (aged out by"
                  + " retention or deleted) and were never read; restart with"
                  + " --no-fail-on-data-loss to skip them")
          .satisfies(
              e ->
                  assertThat(((KafkaDataLossException) e).loss())
                      .isEqualTo(new KafkaDataLoss(topic, 0, 5, 15L)));
      assertThat(hits200(db)).isEqualTo(5);
    }
  }

  @Test
  void shouldSkipTheLostOffsetsAndCountThemWhenToldNotToFail() throws Exception {
    String topic = "aged-skip";
    MetricsRegistry metrics = PipelineMetrics.install(spark, null).registry();
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      readFiveThenLoseTen(topic, db, false);
      long lostBefore = lostOffsets(metrics);

      run(topic, db, false);

      assertThat(hits200(db)).isEqualTo(5 + 3);
      // Spark reports the batch to the listener after the query has stopped.
      awaitLostOffsets(metrics, lostBefore + 10);
      assertThat(metrics.snapshot().get(COUNTS_QUERY).lastBatch().lostOffsets()).isEqualTo(10);
    }
  }

  /**
   * The job reads offsets 0..4 and stops; 13 more records come, and the first 10 of them (offsets
   * 5..14) leave Kafka before the job runs again.
   */
  private void readFiveThenLoseTen(String topic, TestDatabase db, boolean failOnDataLoss)
      throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic(topic, 1);
    kafka.createTopic(topic + "-counts", 1);
    kafka.createTopic(topic + "-dlq", 1);
    kafka.produceValues(topic, Collections.nCopies(5, LINE));
    run(topic, db, failOnDataLoss);
    assertThat(hits200(db)).isEqualTo(5);
    kafka.produceValues(topic, Collections.nCopies(13, LINE));
    kafka
        .admin()
        .deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(15)))
        .all()
        .get();
  }

  /** Runs status-counts over what the topic holds, as {@code --trigger available-now} does. */
  private void run(String topic, TestDatabase db, boolean failOnDataLoss) throws Exception {
    KafkaOptions kafka = new KafkaOptions(KAFKA.bootstrapServers());
    StatusCountsCommand command =
        JobArguments.builder()
            .option("--input", "raw")
            .inputTopic(topic)
            .deadLetterTopic(topic + "-dlq")
            .bootstrap(KAFKA.bootstrapServers())
            .registry("mock://retention-it")
            .checkpoint(checkpoints.resolve(topic))
            .trigger("available-now")
            .flag(failOnDataLoss ? "--fail-on-data-loss" : "--no-fail-on-data-loss")
            .jdbcUrl(db.url())
            .outputTopic(topic + "-counts")
            .outputFormat(OutputFormat.json)
            .build()
            .configure(new StatusCountsCommand());
    QueryRunner.awaitAll(spark, command.start(spark), kafka);
  }

  private static long hits200(TestDatabase db) {
    return ((Number)
            db.query("SELECT hits FROM status_counts WHERE status = 200").get(0).get("hits"))
        .longValue();
  }

  private static long lostOffsets(MetricsRegistry metrics) {
    MetricsRegistry.QueryMetrics counts = metrics.snapshot().get(COUNTS_QUERY);
    return counts == null ? 0 : counts.lostOffsets();
  }

  private static void awaitLostOffsets(MetricsRegistry metrics, long expected) {
    eventually(
        () -> expected + " lost offsets reported, got " + lostOffsets(metrics),
        Duration.ofSeconds(30),
        () -> lostOffsets(metrics) >= expected);
    assertThat(lostOffsets(metrics)).isEqualTo(expected);
  }
}
