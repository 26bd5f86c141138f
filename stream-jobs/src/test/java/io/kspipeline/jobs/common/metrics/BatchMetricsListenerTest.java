package io.kspipeline.jobs.common.metrics;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.JavaConverters;

/** The listener on Spark's real progress reports, with a job counter, without Kafka. */
class BatchMetricsListenerTest {
  private final SparkSession spark = SparkTestSession.get();

  @Test
  void shouldRecordEachBatchWithTheJobsCounters() throws Exception {
    MetricsRegistry registry = PipelineMetrics.install(spark, null).registry();
    MemoryStream<Integer> input =
        new MemoryStream<>(1, spark.sqlContext(), Option.empty(), Encoders.INT());
    Dataset<Row> negatives =
        JobCounters.counted(input.toDF().where(col("value").lt(0)), JobCounters.DEAD_LETTERED);
    StreamingQuery query =
        negatives.writeStream().format("memory").queryName("listener_test").start();
    try {
      input.addData(JavaConverters.asScalaBuffer(List.of(1, -2, 3, -4, -5)).toSeq());
      query.processAllAvailable();
      input.addData(JavaConverters.asScalaBuffer(List.of(-6, 7)).toSeq());
      query.processAllAvailable();

      // Spark delivers progress on its listener thread, after the batch.
      eventually(
          "7 input rows of listener_test in the registry",
          Duration.ofSeconds(30),
          () -> {
            MetricsRegistry.QueryMetrics metrics = registry.snapshot().get("listener_test");
            return metrics != null && metrics.inputRows() == 7;
          });
      MetricsRegistry.QueryMetrics metrics = registry.snapshot().get("listener_test");
      assertThat(metrics.batches()).isEqualTo(2);
      assertThat(metrics.deadLetteredRows()).isEqualTo(4);
      assertThat(metrics.lastBatch().batchId()).isEqualTo(1);
      assertThat(metrics.lastBatch().deadLetteredRows()).isEqualTo(1);
      assertThat(metrics.lastBatch().consumerLag()).isNull();
    } finally {
      query.stop();
    }
  }
}
