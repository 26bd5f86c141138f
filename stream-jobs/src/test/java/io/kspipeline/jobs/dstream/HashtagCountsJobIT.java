package io.kspipeline.jobs.dstream;

import static io.kspipeline.jobs.TweetRecords.tweet;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.DeadLetterTopics;
import io.kspipeline.jobs.TweetRecords;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.schemas.avro.KeyCount;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import io.kspipeline.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * hashtag-counts (updateStateByKey) through a real broker, batch by batch on the manual clock:
 * running totals under normalised keys in the table and topic, a bad record dead-lettered, and a
 * stop and restart from the checkpoint that resumes the state without double counting.
 */
class HashtagCountsJobIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String REGISTRY = "mock://hashtag-counts-it";
  private static final String INPUT = "hc-tweets";
  private static final String OUTPUT = "hc-totals";

  @TempDir Path checkpoint;

  private HashtagCountsCommand command(TestDatabase db) {
    return JobArguments.builder()
        .bootstrap(KAFKA.bootstrapServers())
        .registry(REGISTRY)
        .checkpoint(checkpoint)
        .batch(Duration.ofSeconds(1))
        .jdbcUrl(db.url())
        .inputTopic(INPUT)
        .outputTopic(OUTPUT)
        .build()
        .configure(new HashtagCountsCommand());
  }

  private static Map<String, Long> table(TestDatabase db) {
    Map<String, Long> totals = new TreeMap<>();
    for (Map<String, Object> row : db.query("SELECT hashtag, hits FROM hashtag_counts")) {
      totals.put((String) row.get("hashtag"), ((Number) row.get("hits")).longValue());
    }
    return totals;
  }

  private static Map<String, Long> topic() {
    ConfluentAvroDeserializer<KeyCount> reader =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), KeyCount.class);
    Map<String, Long> latest = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.harness().readAll(OUTPUT)) {
      KeyCount count = reader.deserialize(OUTPUT, r.value());
      assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(count.getKey());
      latest.put(count.getKey(), count.getCount());
    }
    return latest;
  }

  @Test
  void shouldKeepRunningTotalsAcrossBatchesAndARestartFromTheCheckpoint() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic(INPUT, 2);
    kafka.createTopic(OUTPUT, 1);
    kafka.createTopic(INPUT + "-dlq", 1);
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      TweetRecords.send(
          KAFKA.bootstrapServers(),
          REGISTRY,
          INPUT,
          tweet(0, "Spark", "kafka"),
          tweet(1, "KAFKA"),
          "not a tweet",
          tweet(2, "Ｆｌｉｎｋ"),
          tweet(3));
      try (ManualBatches batches = new ManualBatches(command(db)::context)) {
        batches.advance(1000);
        assertThat(table(db)).isEqualTo(Map.of("kafka", 2L, "spark", 1L, "flink", 1L));

        TweetRecords.send(KAFKA.bootstrapServers(), REGISTRY, INPUT, tweet(4, "kafka"));
        batches.advance(1000);
        assertThat(table(db)).isEqualTo(Map.of("kafka", 3L, "spark", 1L, "flink", 1L));
        batches.advance(1000); // a batch without input changes nothing
      }

      // Stopped; what arrives meanwhile is read after the restart, on top of the restored state.
      TweetRecords.send(KAFKA.bootstrapServers(), REGISTRY, INPUT, tweet(5, "spark", "kafka"));
      try (ManualBatches batches = new ManualBatches(command(db)::context)) {
        batches.advance(1000);
      }
      Map<String, Long> expected = Map.of("kafka", 4L, "spark", 2L, "flink", 1L);
      assertThat(table(db)).isEqualTo(expected);
      assertThat(topic()).isEqualTo(expected);

      ConsumerRecord<byte[], byte[]> bad =
          DeadLetterTopics.withValue(kafka.readAll(INPUT), "not a tweet");
      String reason =
          RecordDecoders.hashtags(Map.of("schema.registry.url", REGISTRY))
              .call(SourceRecord.of(bad))
              .error();
      assertThat(DeadLetterTopics.read(REGISTRY, INPUT + "-dlq", kafka.readAll(INPUT + "-dlq")))
          .containsExactly(
              DeadLetterTopics.expected(bad, HashtagCountsJob.NAME, "UnknownMagicByte", reason));
    }
  }

  /** Activity lines per batch time, collected on the driver. */
  static final Map<Long, List<String>> ACTIVITY = new java.util.concurrent.ConcurrentHashMap<>();

  @Test
  void shouldShowTheSeedsWindowAndReduceByWindowFigures() throws Exception {
    KAFKA.harness().createTopic("activity-tweets", 1);
    TweetRecords.send(
        KAFKA.bootstrapServers(),
        REGISTRY,
        "activity-tweets",
        tweet(0, "a", "b"),
        tweet(1, "a"),
        tweet(2));
    StreamingContexts.Graph graph =
        (ssc, start) ->
            HashtagCountsJob.activity(
                    DirectKafka.records(
                            DirectKafka.stream(
                                ssc,
                                new KafkaOptions(KAFKA.bootstrapServers()),
                                "activity-tweets",
                                "activity-test",
                                StreamingOptions.of(null, null),
                                start))
                        .map(RecordDecoders.hashtags(Map.of("schema.registry.url", REGISTRY))),
                    org.apache.spark.streaming.Durations.seconds(2),
                    org.apache.spark.streaming.Durations.seconds(1))
                .foreachRDD(
                    (rdd, time) -> ACTIVITY.put(time.milliseconds(), sorted(rdd.collect())));
    try (ManualBatches batches = ManualBatches.of(checkpoint.resolve("activity"), graph)) {
      batches.advance(1000);
      batches.advance(1000);
      batches.advance(1000);
    }
    assertThat(ACTIVITY.get(1000L))
        .containsExactly("keys in the last 2s: 3", "records in the last 2s: 3");
    assertThat(ACTIVITY.get(2000L))
        .as("still in the window")
        .containsExactly("keys in the last 2s: 3", "records in the last 2s: 3");
    assertThat(ACTIVITY.get(3000L))
        .as("the first batch left the window")
        .containsExactly("keys in the last 2s: 0", "records in the last 2s: 0");
  }

  private static List<String> sorted(List<String> lines) {
    List<String> copy = new java.util.ArrayList<>(lines);
    copy.sort(null);
    return copy;
  }
}
