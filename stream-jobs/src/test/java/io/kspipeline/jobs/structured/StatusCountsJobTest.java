package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.structured.input.AccessLogInput;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.registry.RegistryClientConfig;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.testsupport.stream.Batch;
import io.kspipeline.testsupport.stream.JobStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The status-count pipeline on a memory stream of raw lines, batch by batch, without Kafka. */
class StatusCountsJobTest {
  private static final Map<String, String> REGISTRY =
      Map.of(RegistryClientConfig.URL, "mock://status-counts-test");

  @TempDir Path checkpoint;
  private final SparkSession spark = SparkTestSession.get();

  private static String line(int status) {
    return "1.2.3.4 - - [29/Nov/2015:03:50:05 +0000] \"GET / HTTP/1.1\" " + status + " 10";
  }

  private static Dataset<Row> kafkaShaped(Dataset<String> values) {
    return values
        .toDF()
        .select(
            lit(null).cast("binary").as("key"),
            col("value").cast("binary").as("value"),
            lit("access-logs-raw").as("topic"),
            lit(3).as("partition"),
            lit(42L).as("offset"));
  }

  @Test
  void shouldKeepRunningCountsAcrossBatchesAndRouteUnreadableLinesInTheSameQuery()
      throws Exception {
    try (JobStream stream =
        JobStream.start(
            spark,
            "access-logs-raw",
            checkpoint,
            input ->
                StatusCountsJob.statusCounts(
                    AccessLogInput.raw(input, AccessLogParser.autoDetecting()).records(), 4),
            batch -> batch)) {
      Batch first = stream.add(line(200), line(200), line(404), "not a log line").run();
      assertThat(table(first)).as("%s", stream).isEqualTo(Map.of(200, 2L, 404, 1L));
      assertThat(first.payloads("dead")).containsExactly("not a log line");

      stream.restart();
      Batch second = stream.add(line(200), line(500), "").run();
      // The whole table each batch, as the seed's complete output mode prints it.
      assertThat(table(second)).as("%s", stream).isEqualTo(Map.of(200, 3L, 404, 1L, 500, 1L));
      assertThat(second.payloads("dead")).containsExactly("");
      // One state row per shard holding a status: 200, 404 and 500 hash to different shards.
      assertThat(stream.stateRows().values().stream().mapToLong(Long::longValue).sum())
          .isEqualTo(3);
    }
  }

  private static Map<Integer, Long> table(Batch batch) {
    Map<Integer, Long> table = new TreeMap<>();
    for (Row r : batch.ofKind("count")) {
      table.put(Integer.parseInt(r.getAs("countKey")), r.getAs("count"));
    }
    return table;
  }

  @Test
  void shouldTurnUnparseableLinesIntoDeadLettersWithTheirProvenance() {
    Dataset<Row> rows =
        kafkaShaped(spark.createDataset(List.of(line(200), "garbage"), Encoders.STRING()));

    List<Row> dead =
        AccessLogInput.raw(rows, AccessLogParser.autoDetecting())
            .deadLetters("status-counts", "access-logs-dlq", REGISTRY)
            .collectAsList();

    assertThat(dead).hasSize(1);
    DeadLetter letter =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), DeadLetter.class)
            .deserialize("access-logs-dlq", (byte[]) dead.get(0).getAs("value"));
    assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString()).isEqualTo("garbage");
    assertThat(letter.getErrorClass()).isEqualTo("AccessLogParseError");
    assertThat(letter.getErrorMessage()).isNotBlank();
    assertThat(letter.getStage()).isEqualTo("status-counts");
    assertThat(letter.getSourceTopic()).isEqualTo("access-logs-raw");
    assertThat(letter.getSourcePartition()).isEqualTo(3);
    assertThat(letter.getSourceOffset()).isEqualTo(42L);
  }
}
