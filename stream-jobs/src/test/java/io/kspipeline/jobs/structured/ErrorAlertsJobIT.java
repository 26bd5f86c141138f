package io.kspipeline.jobs.structured;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.avro.ErrorAlert;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * error-alerts through a real broker: raw lines in, the exact alerts (keyed by client address, with
 * the offset of the line each came from) and dead letters out, in micro-batches (also across a
 * restart from the checkpoint) and under the continuous trigger.
 */
class ErrorAlertsJobIT {
  private static final String REGISTRY = "mock://error-alerts-it";
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  @TempDir Path checkpoints;

  private static String line(String clientIp, String endpoint, int status, String userAgent) {
    return clientIp
        + " - - [26/Dec/2016:14:16:29 +0000] \"GET "
        + endpoint
        + " HTTP/1.1\" "
        + status
        + " 512 \"-\" \""
        + userAgent
        + "\"";
  }

  private static final List<String> INPUT =
      List.of(
          line("10.0.0.1", "/index.html", 200, "curl"),
          line("10.0.0.2", "/index.html", 500, "curl"),
          line("10.0.0.3", "/wp-login.php", 404, "curl"),
          line("10.0.0.4", "/index.html", 200, "sqlmap/1.0"),
          line("10.0.0.5", "/api", 503, "curl"),
          "not an access log line");

  /** Alert of each client address: "status reason". */
  private static final Map<String, String> EXPECTED =
      Map.of(
          "10.0.0.2", "500 server-error",
          "10.0.0.3", "404 match:endpoint",
          "10.0.0.4", "200 match:userAgent",
          "10.0.0.5", "503 server-error");

  private ErrorAlertsCommand command(
      KafkaHarness kafka,
      String topicPrefix,
      String trigger,
      String continuous,
      OutputFormat format) {
    return JobArguments.builder()
        .option("--input", "raw")
        .inputTopic(topicPrefix + "-raw")
        .deadLetterTopic(topicPrefix + "-dlq")
        .bootstrap(kafka.bootstrapServers())
        .registry(REGISTRY)
        .checkpoint(checkpoints.resolve(topicPrefix))
        .trigger(trigger)
        .flag("--server-errors")
        .option("--match", "wp-login|sqlmap")
        .option("--continuous", continuous)
        .outputTopic(topicPrefix + "-alerts")
        .outputFormat(format)
        .build()
        .configure(new ErrorAlertsCommand());
  }

  private static void createTopics(KafkaHarness kafka, String prefix, int inputPartitions) {
    kafka.createTopic(prefix + "-raw", inputPartitions);
    kafka.createTopic(prefix + "-alerts", 1);
    kafka.createTopic(prefix + "-dlq", 1);
  }

  @Test
  void shouldWriteTheAlertsOfTheBacklogInMicroBatches() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    createTopics(kafka, "batch", 2);
    kafka.produceValues("batch-raw", INPUT);

    runToEnd(command(kafka, "batch", "available-now", null, OutputFormat.json));

    Map<String, String> inputPositions = positionsByValue(kafka.readAll("batch-raw"));
    Map<String, String> alerts = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : kafka.readAll("batch-alerts")) {
      String key = new String(record.key(), StandardCharsets.UTF_8);
      JsonNode alert = JSON.readTree(record.value());
      assertThat(alert.path("clientIp").asText()).isEqualTo(key);
      assertThat(alert.path("method").asText()).isEqualTo("GET");
      assertThat(Instant.parse(alert.path("timestamp").asText()))
          .isEqualTo(Instant.parse("2016-12-26T14:16:29Z"));
      assertThat(alert.path("sourceTopic").asText()).isEqualTo("batch-raw");
      // The alert points at the very line it came from.
      String position =
          alert.path("sourcePartition").asInt() + "/" + alert.path("sourceOffset").asLong();
      assertThat(inputPositions.get(position)).startsWith(key + " ");
      alerts.put(key, alert.path("status").asInt() + " " + alert.path("reason").asText());
    }
    assertThat(alerts).isEqualTo(EXPECTED);
    assertThat(kafka.readAll("batch-alerts")).hasSize(EXPECTED.size());
    assertThat(deadLetterPayloads(kafka, "batch-dlq")).containsExactly("not an access log line");
  }

  @Test
  void shouldResumeFromTheCheckpointWithoutLosingOrRepeatingAnAlert() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    createTopics(kafka, "restart", 1);
    List<String> beforeStop = INPUT.subList(0, 3);
    List<String> whileStopped = INPUT.subList(3, INPUT.size());

    kafka.produceValues("restart-raw", beforeStop);
    runToEnd(command(kafka, "restart", "available-now", null, OutputFormat.json));
    assertThat(alertsByClient(kafka.readAll("restart-alerts")))
        .isEqualTo(expectedAlertsOf(beforeStop));

    kafka.produceValues("restart-raw", whileStopped);
    runToEnd(command(kafka, "restart", "available-now", null, OutputFormat.json));
    List<ConsumerRecord<byte[], byte[]>> alerts = kafka.readAll("restart-alerts");
    assertThat(alertsByClient(alerts)).isEqualTo(EXPECTED);
    assertThat(alerts).as("each alert once").hasSize(EXPECTED.size());
  }

  private static void runToEnd(ErrorAlertsCommand command) throws Exception {
    QueryRunner.awaitAll(SparkTestSession.get(), command.start(SparkTestSession.get()));
  }

  /** The expected alerts of these lines: those of their client addresses. */
  private static Map<String, String> expectedAlertsOf(List<String> lines) {
    Map<String, String> alerts = new HashMap<>(EXPECTED);
    alerts.keySet().removeIf(ip -> lines.stream().noneMatch(line -> line.startsWith(ip + " ")));
    return alerts;
  }

  /** JSON alerts as client address → "status reason". */
  private static Map<String, String> alertsByClient(List<ConsumerRecord<byte[], byte[]>> records)
      throws Exception {
    Map<String, String> alerts = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      JsonNode alert = JSON.readTree(record.value());
      alerts.put(
          new String(record.key(), StandardCharsets.UTF_8),
          alert.path("status").asInt() + " " + alert.path("reason").asText());
    }
    return alerts;
  }

  @Test
  void shouldWriteAlertsAsTheyArriveUnderTheContinuousTrigger() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    // A continuous query holds a task per input partition for as long as it runs: the alert and
    // dead-letter queries on one partition each take both cores of the test session.
    createTopics(kafka, "continuous", 1);
    List<StreamingQuery> queries =
        command(kafka, "continuous", "10s", "500ms", OutputFormat.avro)
            .start(SparkTestSession.get());
    Map<String, String> alerts = new HashMap<>();
    List<String> deadLetters;
    try {
      assertThat(queries).allMatch(StreamingQuery::isActive);
      // Produced while the queries run: continuous processing picks records up as they arrive.
      kafka.produceValues("continuous-raw", INPUT);

      List<ConsumerRecord<byte[], byte[]>> records =
          awaitRecords(kafka, "continuous-alerts", EXPECTED.size(), queries);
      deadLetters = awaitDeadLetters(kafka, "continuous-dlq", 1, queries);
      ConfluentAvroDeserializer<ErrorAlert> deserializer =
          ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), ErrorAlert.class);
      for (ConsumerRecord<byte[], byte[]> record : records) {
        ErrorAlert alert = deserializer.deserialize("continuous-alerts", record.value());
        String key = new String(record.key(), StandardCharsets.UTF_8);
        assertThat(alert.getClientIp()).isEqualTo(key);
        assertThat(alert.getTimestamp()).isEqualTo(Instant.parse("2016-12-26T14:16:29Z"));
        assertThat(alert.getSourceTopic()).isEqualTo("continuous-raw");
        alerts.put(key, alert.getStatus() + " " + alert.getReason());
      }
    } finally {
      QueryRunner.stopAll(queries);
    }
    assertThat(alerts).isEqualTo(EXPECTED);
    assertThat(kafka.readAll("continuous-alerts")).hasSize(EXPECTED.size());
    assertThat(deadLetters).containsExactly("not an access log line");
  }

  /** "partition/offset" → value of every record of the topic. */
  private static Map<String, String> positionsByValue(
      List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .collect(
            Collectors.toMap(
                r -> r.partition() + "/" + r.offset(),
                r -> new String(r.value(), StandardCharsets.UTF_8)));
  }

  private static List<String> deadLetterPayloads(KafkaHarness kafka, String topic) {
    ConfluentAvroDeserializer<DeadLetter> deserializer =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), DeadLetter.class);
    return kafka.readAll(topic).stream()
        .map(r -> deserializer.deserialize(topic, r.value()))
        .map(letter -> StandardCharsets.UTF_8.decode(letter.getPayload()).toString())
        .collect(Collectors.toList());
  }

  private static List<String> awaitDeadLetters(
      KafkaHarness kafka, String topic, int count, List<StreamingQuery> queries) {
    awaitRecords(kafka, topic, count, queries);
    return deadLetterPayloads(kafka, topic);
  }

  /** Waits until the topic holds at least {@code count} records (60 s at most). */
  private static List<ConsumerRecord<byte[], byte[]>> awaitRecords(
      KafkaHarness kafka, String topic, int count, List<StreamingQuery> queries) {
    AtomicReference<List<ConsumerRecord<byte[], byte[]>>> records =
        new AtomicReference<>(List.of());
    eventually(
        () -> count + " records in " + topic + ", got " + records.get().size(),
        Duration.ofSeconds(60),
        () -> {
          for (StreamingQuery query : queries) {
            assertThat(query.exception().isDefined())
                .as("query %s failed: %s", query.name(), query.exception())
                .isFalse();
          }
          return records.updateAndGet(last -> kafka.readAll(topic)).size() >= count;
        });
    return records.get();
  }
}
