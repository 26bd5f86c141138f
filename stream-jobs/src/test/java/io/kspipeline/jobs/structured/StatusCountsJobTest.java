package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.JavaConverters;

/** The status-count logic on a memory stream, batch by batch, without Kafka. */
class StatusCountsJobTest {
  private final SparkSession spark = SparkTestSession.get();

  private static String line(int status) {
    return "1.2.3.4 - - [29/Nov/2015:03:50:05 +0000] \"GET / HTTP/1.1\" " + status + " 10";
  }

  @Test
  void shouldKeepRunningCountsAcrossBatchesAndIgnoreLinesWithoutStatus() throws Exception {
    MemoryStream<String> input =
        new MemoryStream<>(1, spark.sqlContext(), Option.empty(), Encoders.STRING());
    Dataset<Row> kafkaShaped =
        input
            .toDF()
            .select(lit(null).cast("binary").as("key"), col("value").cast("binary").as("value"));
    StreamingQuery query =
        StatusCountsJob.statusCounts(kafkaShaped)
            .writeStream()
            .format("memory")
            .queryName("status_counts_logic")
            .outputMode("complete")
            .start();
    try {
      add(input, line(200), line(200), line(404), "not a log line");
      query.processAllAvailable();
      assertThat(table()).isEqualTo(Map.of(200, 2L, 404, 1L));

      add(input, line(200), line(500), "");
      query.processAllAvailable();
      assertThat(table()).isEqualTo(Map.of(200, 3L, 404, 1L, 500, 1L));
    } finally {
      query.stop();
    }
  }

  @Test
  void shouldTurnLinesWithoutStatusIntoDeadLettersWithTheirProvenance() {
    Dataset<Row> rows =
        spark
            .createDataset(List.of(line(200), "garbage"), Encoders.STRING())
            .select(
                lit(null).cast("binary").as("key"),
                col("value").cast("binary").as("value"),
                lit("access-logs-raw").as("topic"),
                lit(3).as("partition"),
                lit(42L).as("offset"));

    List<Row> dead = StatusCountsJob.deadLetters(rows).collectAsList();

    assertThat(dead).hasSize(1);
    assertThat(new String((byte[]) dead.get(0).getAs("value"))).isEqualTo("garbage");
    Map<String, String> headers =
        dead.get(0).<Row>getList(2).stream()
            .collect(Collectors.toMap(h -> h.getString(0), h -> new String((byte[]) h.get(1))));
    assertThat(headers)
        .containsEntry("dlq.error", "no quoted request field")
        .containsEntry("dlq.stage", "status-counts")
        .containsEntry("dlq.source.topic", "access-logs-raw")
        .containsEntry("dlq.source.partition", "3")
        .containsEntry("dlq.source.offset", "42");
  }

  private Map<Integer, Long> table() {
    return spark.table("status_counts_logic").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getInt(0), r -> r.getLong(1)));
  }

  private static void add(MemoryStream<String> input, String... lines) {
    input.addData(JavaConverters.asScalaBuffer(List.of(lines)).toSeq());
  }
}
