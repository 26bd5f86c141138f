package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.structured.input.AccessLogInput;
import io.kspipeline.jobs.structured.windows.WindowResults;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.registry.RegistryClientConfig;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.function.VoidFunction2;
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

  /** The table as the sink upserts it, and the dead letters' payloads (static: closures). */
  private static final Map<Integer, Long> TABLE = new ConcurrentHashMap<>();

  private static final List<String> DEAD = new CopyOnWriteArrayList<>();
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
    MemoryStream<String> input =
        new MemoryStream<>(1, spark.sqlContext(), Option.empty(), Encoders.STRING());
    Dataset<Row> records =
        AccessLogInput.raw(kafkaShaped(input.toDS()), AccessLogParser.autoDetecting()).records();
    TABLE.clear();
    DEAD.clear();
    StreamingQuery query =
        StatusCountsJob.statusCounts(records, 4)
            .writeStream()
            .outputMode("update")
            .foreachBatch(
                (VoidFunction2<Dataset<Row>, Long>)
                    (batch, id) -> {
                      for (Row r : StatusCountsJob.countRows(batch).collectAsList()) {
                        TABLE.put(r.getInt(0), r.getLong(1));
                      }
                      for (Row r : WindowResults.ofKind(batch, "dead").collectAsList()) {
                        DEAD.add(new String((byte[]) r.getAs("value"), StandardCharsets.UTF_8));
                      }
                    })
            .start();
    try {
      add(input, line(200), line(200), line(404), "not a log line");
      query.processAllAvailable();
      assertThat(TABLE).isEqualTo(Map.of(200, 2L, 404, 1L));
      assertThat(DEAD).containsExactly("not a log line");

      add(input, line(200), line(500), "");
      query.processAllAvailable();
      assertThat(TABLE).isEqualTo(Map.of(200, 3L, 404, 1L, 500, 1L));
      assertThat(DEAD).containsExactly("not a log line", "");
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

  private static void add(MemoryStream<String> input, String... lines) {
    input.addData(JavaConverters.asScalaBuffer(List.of(lines)).toSeq());
  }
}
