package io.kspipeline.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.avro.WindowedCount;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import io.kspipeline.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed's JSON example through a real broker, on every database: hour windows, late, bad JSON.
 */
class ActionCountsJobIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String REGISTRY = "mock://action-counts-it";

  @TempDir Path checkpoints;

  private static String action(String name, String time) {
    return "{\"action\":\"" + name + "\",\"time\":\"" + time + "\",\"userId\":\"u1\"}";
  }

  private void run(String topic, TestDatabase db) throws Exception {
    ActionCountsCommand command =
        JobArguments.builder()
            .bootstrap(KAFKA.bootstrapServers())
            .registry(REGISTRY)
            .checkpoint(checkpoints.resolve(topic))
            .trigger("available-now")
            .jdbcUrl(db.url())
            .inputTopic(topic)
            .deadLetterTopic(topic + "-dlq")
            .outputTopic(topic + "-counts")
            .option("--window", Duration.ofHours(1))
            .option("--watermark", Duration.ofMinutes(10))
            .build()
            .configure(new ActionCountsCommand());
    QueryRunner.awaitAll(SparkTestSession.get(), command.start(SparkTestSession.get()));
  }

  private static Map<String, Long> table(TestDatabase db) {
    Map<String, Long> hits = new TreeMap<>();
    for (Map<String, Object> row :
        db.query("SELECT window_start, action, hits FROM action_counts")) {
      hits.put(
          ((LocalDateTime) row.get("window_start")).getHour() + "h " + row.get("action"),
          ((Number) row.get("hits")).longValue());
    }
    return hits;
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldCountActionsPerHourSetLateOnesAsideAndDeadLetterBadJson(DatabaseKind kind)
      throws Exception {
    String topic = "web-actions-" + kind.name().toLowerCase(Locale.ROOT);
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic(topic, 1);
    // Outputs exist before the job writes: auto-created topics can race idempotent writes.
    for (String output : List.of(topic + "-late", topic + "-dlq", topic + "-counts")) {
      kafka.createTopic(output, 1);
    }
    try (TestDatabase db = TestDatabase.create(kind)) {
      kafka.produceValues(
          topic,
          List.of(
              action("Open", "2024-01-01T00:10:00Z"),
              action("Open", "2024-01-01T00:50:00Z"),
              action("Close", "2024-01-01T00:55:00Z"),
              "{\"action\": \"Open\", \"time\": \"yesterday\"}",
              "not json",
              "{\"time\": \"2024-01-01T00:30:00Z\"}",
              action("Open", "2024-01-01T03:00:00Z")));
      run(topic, db);
      assertThat(table(db)).isEqualTo(Map.of("0h Open", 2L, "0h Close", 1L, "3h Open", 1L));

      kafka.produceValues(
          topic,
          List.of(action("Open", "2024-01-01T00:20:00Z"), action("Close", "2024-01-01T02:55:00Z")));
      run(topic, db);
      assertThat(table(db))
          .isEqualTo(Map.of("0h Open", 2L, "0h Close", 1L, "2h Close", 1L, "3h Open", 1L));

      assertThat(kafka.readAll(topic + "-late"))
          .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
          .containsExactly(action("Open", "2024-01-01T00:20:00Z"));
      ConfluentAvroDeserializer<DeadLetter> letters =
          ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), DeadLetter.class);
      assertThat(kafka.readAll(topic + "-dlq"))
          .extracting(r -> letters.deserialize(topic, r.value()).getErrorMessage())
          .containsExactlyInAnyOrder(
              ActionCountsJob.MALFORMED, ActionCountsJob.MALFORMED, "missing \"action\"");
      ConfluentAvroDeserializer<WindowedCount> counts =
          ConfluentAvroDeserializer.forClass(
              SchemaRegistries.connect(REGISTRY), WindowedCount.class);
      assertThat(kafka.readAll(topic + "-counts"))
          .extracting(
              r ->
                  new String(r.key(), StandardCharsets.UTF_8)
                      + "="
                      + counts.deserialize(topic, r.value()).getCount())
          .contains("2024-01-01T00:00:00Z/2024-01-01T01:00:00Z/Open=2");
    }
  }
}
