package io.kspipeline.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.jobs.structured.windows.TimeMode;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.avro.RankEntry;
import io.kspipeline.schemas.avro.Ranking;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import io.kspipeline.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * top-urls through a real broker: exact window contents, the top-N topic, a late record set aside
 * without changing its closed windows, and a restart from the checkpoint without double counts.
 */
class TopUrlsJobIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String REGISTRY = "mock://top-urls-it";
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @TempDir Path checkpoints;

  private static AccessLogEvent hit(String endpoint, int second) {
    return AccessLogEvent.newBuilder()
        .setClientIp("10.0.0.1")
        .setTimestamp(T0.plusSeconds(second))
        .setMethod("GET")
        .setEndpoint(endpoint)
        .setProtocol("HTTP/1.1")
        .setStatus(200)
        .build();
  }

  private static void send(String topic, AccessLogEvent... events) throws Exception {
    ConfluentAvroSerializer<AccessLogEvent> serializer =
        new ConfluentAvroSerializer<>(SchemaRegistries.connect(REGISTRY), true);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (AccessLogEvent e : events) {
        producer.send(new ProducerRecord<>(topic, null, serializer.serialize(topic, e))).get();
      }
    }
  }

  private void run(String topic, TestDatabase db, TimeMode time) throws Exception {
    TopUrlsCommand command =
        JobArguments.builder()
            .inputTopic(topic)
            .deadLetterTopic(topic + "-dlq")
            .bootstrap(KAFKA.bootstrapServers())
            .registry(REGISTRY)
            .checkpoint(checkpoints.resolve(topic))
            .trigger("available-now")
            .jdbcUrl(db.url())
            .option("--time", time)
            .outputTopic(topic + "-top")
            .build()
            .configure(new TopUrlsCommand());
    QueryRunner.awaitAll(SparkTestSession.get(), command.start(SparkTestSession.get()));
  }

  /** url_hits as "mm:ss-mm:ss endpoint" → hits. */
  private static Map<String, Long> table(TestDatabase db) {
    Map<String, Long> hits = new TreeMap<>();
    for (Map<String, Object> row :
        db.query("SELECT window_start, window_end, endpoint, hits FROM url_hits")) {
      String window = clock(row.get("window_start")) + "-" + clock(row.get("window_end"));
      hits.put(window + " " + row.get("endpoint"), ((Number) row.get("hits")).longValue());
    }
    return hits;
  }

  private static String clock(Object time) {
    return ((LocalDateTime) time).format(java.time.format.DateTimeFormatter.ofPattern("mm:ss"));
  }

  @Test
  void shouldCountSlidingWindowsSetLateRecordsAsideAndResumeFromTheCheckpoint() throws Exception {
    String topic = "hits-event";
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic(topic, 2);
    createOutputs(topic);
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      send(topic, hit("/a", 5), hit("/a", 15), hit("/b", 15), hit("/c", 180));
      run(topic, db, TimeMode.event);

      Map<String, Long> first = table(db);
      assertThat(first)
          .containsEntry("59:40-00:10 /a", 1L)
          .containsEntry("59:50-00:20 /a", 2L)
          .containsEntry("59:50-00:20 /b", 1L)
          .containsEntry("00:00-00:30 /a", 2L)
          .containsEntry("00:00-00:30 /b", 1L)
          .containsEntry("00:10-00:40 /a", 1L)
          .containsEntry("00:10-00:40 /b", 1L)
          .containsEntry("02:40-03:10 /c", 1L)
          .containsEntry("02:50-03:20 /c", 1L)
          .containsEntry("03:00-03:30 /c", 1L)
          .hasSize(10);

      // Restart: /a at 00:20 is behind the watermark (03:00 - 1 min): all its windows are closed.
      // /d at 02:55 still fits windows that end after 02:00.
      send(topic, hit("/a", 20), hit("/d", 175));
      run(topic, db, TimeMode.event);

      Map<String, Long> second = table(db);
      assertThat(second).containsAllEntriesOf(first);
      assertThat(second)
          .containsEntry("02:30-03:00 /d", 1L)
          .containsEntry("02:40-03:10 /d", 1L)
          .containsEntry("02:50-03:20 /d", 1L)
          .hasSize(13);
      List<ConsumerRecord<byte[], byte[]>> late = kafka.readAll(topic + "-late");
      assertThat(late).hasSize(1);
      AccessLogEvent lateEvent =
          ConfluentAvroDeserializer.forClass(
                  SchemaRegistries.connect(REGISTRY), AccessLogEvent.class)
              .deserialize(topic, late.get(0).value());
      assertThat(lateEvent).isEqualTo(hit("/a", 20));
      assertThat(
              new String(
                  late.get(0).headers().lastHeader("late.source.topic").value(),
                  StandardCharsets.UTF_8))
          .isEqualTo(topic);

      Map<String, Ranking> rankings = latestRankings(topic + "-top");
      assertThat(rankings.get("2024-01-01T00:00:00Z/2024-01-01T00:00:30Z").getEntries())
          .containsExactly(new RankEntry(1, "/a", 2L), new RankEntry(2, "/b", 1L));
    }
  }

  @Test
  void shouldWindowByProcessingTimeLikeTheSeedsCurrentTimestampVariant() throws Exception {
    String topic = "hits-processing";
    KAFKA.harness().createTopic(topic, 1);
    createOutputs(topic);
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      // Event times years apart: by processing time they all land in the same current windows.
      send(topic, hit("/x", 0), hit("/x", 86_400 * 365), hit("/y", 5));
      run(topic, db, TimeMode.processing);

      Map<String, Long> maxHits = new HashMap<>();
      for (Map<String, Object> row : db.query("SELECT endpoint, hits FROM url_hits")) {
        maxHits.merge(
            (String) row.get("endpoint"), ((Number) row.get("hits")).longValue(), Math::max);
      }
      assertThat(maxHits).isEqualTo(Map.of("/x", 2L, "/y", 1L));
      assertThat(db.query("SELECT COUNT(*) AS windows FROM url_hits WHERE endpoint = '/x'"))
          .extracting(r -> ((Number) r.get("windows")).intValue())
          .containsExactly(3);
      assertThat(KAFKA.harness().readAll(topic + "-late")).isEmpty();
    }
  }

  /** Outputs exist before the job writes: auto-created topics can race idempotent writes. */
  private static void createOutputs(String topic) {
    for (String output : List.of(topic + "-late", topic + "-top", topic + "-dlq")) {
      KAFKA.harness().createTopic(output, 1);
    }
  }

  private Map<String, Ranking> latestRankings(String topic) {
    ConfluentAvroDeserializer<Ranking> reader =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), Ranking.class);
    Map<String, Ranking> latest = new HashMap<>();
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>(KAFKA.harness().readAll(topic));
    for (ConsumerRecord<byte[], byte[]> r : records) {
      latest.put(new String(r.key(), StandardCharsets.UTF_8), reader.deserialize(topic, r.value()));
    }
    return latest;
  }
}
