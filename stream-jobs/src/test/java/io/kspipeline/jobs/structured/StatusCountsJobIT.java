package io.kspipeline.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import io.kspipeline.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The walking skeleton end to end: access-log lines in a real broker → status-counts → counts in a
 * Kafka topic and a database table; stopped and restarted from its checkpoint with no loss and no
 * double counting.
 */
class StatusCountsJobIT {
  private static final String REGISTRY = "mock://status-counts-it";
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  @TempDir Path checkpoints;

  private static String line(int status) {
    return "10.1.2.3 - - [26/Dec/2016:14:16:29 +0000] \"GET /index.html HTTP/1.1\" "
        + status
        + " 512 \"-\" \"curl/7.50\"";
  }

  private static List<String> lines(int status, int count) {
    return Collections.nCopies(count, line(status));
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldCountEveryStatusOnceAcrossARestartFromTheCheckpoint(DatabaseKind kind)
      throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    String suffix = kind.name().toLowerCase(java.util.Locale.ROOT);
    String input = "raw-" + suffix;
    String output = "counts-" + suffix;
    String dlq = "dlq-" + suffix;
    kafka.createTopic(input, 2);
    kafka.createTopic(output, 1);
    kafka.createTopic(dlq, 1);

    try (TestDatabase db = TestDatabase.create(kind)) {
      List<String> first = new ArrayList<>(lines(200, 5));
      first.addAll(lines(404, 3));
      first.addAll(lines(500, 2));
      first.add("this is not an access log line");
      kafka.produceValues(input, first);

      runToEnd(kafka, db, input, output, dlq);

      Map<Integer, Long> expected = Map.of(200, 5L, 404, 3L, 500, 2L);
      assertThat(tableCounts(db)).isEqualTo(expected);
      assertThat(latestTopicCounts(kafka, output)).isEqualTo(expected);

      List<String> second = new ArrayList<>(lines(200, 2));
      second.addAll(lines(503, 1));
      kafka.produceValues(input, second);

      runToEnd(kafka, db, input, output, dlq);

      Map<Integer, Long> after = Map.of(200, 7L, 404, 3L, 500, 2L, 503, 1L);
      assertThat(tableCounts(db)).isEqualTo(after);
      assertThat(latestTopicCounts(kafka, output)).isEqualTo(after);

      List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(dlq);
      assertThat(dead).hasSize(1);
      DeadLetter letter =
          ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), DeadLetter.class)
              .deserialize(dlq, dead.get(0).value());
      assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString())
          .isEqualTo("this is not an access log line");
      assertThat(letter.getSourceTopic()).isEqualTo(input);
      assertThat(letter.getSourceOffset()).isNotNull();
      assertThat(letter.getErrorClass()).isEqualTo("AccessLogParseError");
    }
  }

  @org.junit.jupiter.api.Test
  void shouldCountLogFilesAppearingInADirectoryAsTheSeedDoes(@TempDir Path logs) throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic("dir-counts", 1);
    kafka.createTopic("dir-dlq", 1);
    java.nio.file.Files.write(logs.resolve("access-1.log"), lines(200, 3));
    java.nio.file.Files.write(
        logs.resolve("access-2.log"), List.of(line(404), line(200), "half a line [oops"));
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      StatusCountsCommand command =
          JobArguments.builder()
              .option("--input", "dir:" + logs)
              .option("--dead-letters", "topic:dir-dlq")
              .bootstrap(kafka.bootstrapServers())
              .registry(REGISTRY)
              .checkpoint(checkpoints.resolve("dir"))
              .trigger("available-now")
              .jdbcUrl(db.url())
              .outputTopic("dir-counts")
              .outputFormat(OutputFormat.json)
              .build()
              .configure(new StatusCountsCommand());
      QueryRunner.awaitAll(SparkTestSession.get(), command.start(SparkTestSession.get()));

      assertThat(tableCounts(db)).isEqualTo(Map.of(200, 4L, 404, 1L));
      DeadLetter letter =
          ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), DeadLetter.class)
              .deserialize("dir-dlq", kafka.readAll("dir-dlq").get(0).value());
      assertThat(letter.getSourceTopic()).isNull();
      assertThat(letter.getSourceLocation()).endsWith("access-2.log:3");
      assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString())
          .isEqualTo("half a line [oops");
    }
  }

  /** Runs the job with the available-now trigger: it processes the backlog and stops. */
  private void runToEnd(
      KafkaHarness kafka, TestDatabase db, String input, String output, String dlq)
      throws Exception {
    StatusCountsCommand command =
        JobArguments.builder()
            .option("--input", "raw")
            .inputTopic(input)
            .deadLetterTopic(dlq)
            .bootstrap(kafka.bootstrapServers())
            .registry(REGISTRY)
            .checkpoint(checkpoints.resolve(input))
            .trigger("available-now")
            .jdbcUrl(db.url())
            .outputTopic(output)
            .outputFormat(OutputFormat.json)
            .build()
            .configure(new StatusCountsCommand());
    QueryRunner.awaitAll(SparkTestSession.get(), command.start(SparkTestSession.get()));
  }

  private static Map<Integer, Long> tableCounts(TestDatabase db) {
    Map<Integer, Long> counts = new TreeMap<>();
    for (Map<String, Object> row : db.query("SELECT status, hits FROM status_counts")) {
      counts.put(((Number) row.get("status")).intValue(), ((Number) row.get("hits")).longValue());
    }
    return counts;
  }

  /** What a compacted topic keeps: the last value of each key. */
  private static Map<Integer, Long> latestTopicCounts(KafkaHarness kafka, String topic) {
    Map<Integer, Long> latest = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic)) {
      String key = new String(record.key(), StandardCharsets.UTF_8);
      String json = new String(record.value(), StandardCharsets.UTF_8);
      assertThat(json).startsWith("{\"status\":" + key + ",\"count\":");
      long hits = Long.parseLong(json.substring(json.lastIndexOf(':') + 1, json.length() - 1));
      latest.put(Integer.parseInt(key), hits);
    }
    return latest;
  }
}
