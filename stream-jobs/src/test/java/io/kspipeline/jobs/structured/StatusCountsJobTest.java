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
import java.nio.charset.StandardCharsets;
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

/** The status-count logic on a memory stream of raw lines, batch by batch, without Kafka. */
class StatusCountsJobTest {
  private static final Map<String, String> REGISTRY =
      Map.of(RegistryClientConfig.URL, "mock://status-counts-test");
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
  void shouldKeepRunningCountsAcrossBatchesAndIgnoreLinesWithoutStatus() throws Exception {
    MemoryStream<String> input =
        new MemoryStream<>(1, spark.sqlContext(), Option.empty(), Encoders.STRING());
    Dataset<Row> events =
        AccessLogInput.raw(kafkaShaped(input.toDS()), AccessLogParser.autoDetecting()).events();
    StreamingQuery query =
        StatusCountsJob.statusCounts(events)
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

  private Map<Integer, Long> table() {
    return spark.table("status_counts_logic").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getInt(0), r -> r.getLong(1)));
  }

  private static void add(MemoryStream<String> input, String... lines) {
    input.addData(JavaConverters.asScalaBuffer(List.of(lines)).toSeq());
  }
}
