package io.kspipeline.jobs.structured;

import static io.kspipeline.jobs.TweetRecords.T0;
import static io.kspipeline.jobs.TweetRecords.tweet;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.DeadLetterTopics;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.TweetRecords;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.avro.RankEntry;
import io.kspipeline.schemas.avro.Ranking;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import io.kspipeline.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * trending-hashtags through a real broker over the default 300 s window sliding 1 s: exact window
 * contents under normalised keys, the ranking topic, a late tweet set aside once, a bad record
 * dead-lettered with its provenance, and a restart from the checkpoint without double counts.
 */
class TrendingHashtagsJobIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String REGISTRY = "mock://trending-hashtags-it";
  private static final String TOPIC = "tweets-it";
  private static final String OUTPUT = "trending-it";

  @TempDir Path checkpoints;

  private static void send(Object... values) throws Exception {
    TweetRecords.send(KAFKA.bootstrapServers(), REGISTRY, TOPIC, values);
  }

  /**
   * trending-hashtags with its default windows, 300 s sliding 1 s, a minute's watermark and the top
   * 10, over what {@code topic} holds (available-now).
   */
  static TrendingHashtagsCommand command(
      String bootstrap,
      String registry,
      String checkpoint,
      String database,
      String topic,
      String output) {
    return JobArguments.builder()
        .bootstrap(bootstrap)
        .registry(registry)
        .checkpoint(checkpoint)
        .trigger("available-now")
        .jdbcUrl(database)
        .inputTopic(topic)
        .deadLetterTopic(topic + "-dlq")
        .option("--window", Duration.ofSeconds(300))
        .option("--slide", Duration.ofSeconds(1))
        .option("--watermark", Duration.ofMinutes(1))
        .option("--top", 10)
        .outputTopic(output)
        .build()
        .configure(new TrendingHashtagsCommand());
  }

  private void run(TestDatabase db) throws Exception {
    TrendingHashtagsCommand command =
        command(
            KAFKA.bootstrapServers(), REGISTRY, checkpoints.toString(), db.url(), TOPIC, OUTPUT);
    QueryRunner.awaitAll(SparkTestSession.get(), command.start(SparkTestSession.get()));
  }

  /** hashtag_windows rows of the window ending at a second after T0: hashtag → hits. */
  private static Map<String, Long> window(TestDatabase db, int endSecond) {
    Map<String, Long> hits = new TreeMap<>();
    for (Map<String, Object> row :
        db.query("SELECT window_start, window_end, hashtag, hits FROM hashtag_windows")) {
      Instant end = Timestamp.valueOf((java.time.LocalDateTime) row.get("window_end")).toInstant();
      if (end.equals(T0.plusSeconds(endSecond))) {
        hits.put((String) row.get("hashtag"), ((Number) row.get("hits")).longValue());
      }
    }
    return hits;
  }

  @Test
  void shouldRankHashtagsPerSlideSetLateTweetsAsideAndResumeFromTheCheckpoint() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic(TOPIC, 2);
    for (String output : List.of(OUTPUT, TOPIC + "-late", TOPIC + "-dlq")) {
      kafka.createTopic(output, 1);
    }
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      send(
          tweet(0, "Spark", "kafka"),
          tweet(1, "KAFKA"),
          tweet(2, "Ｋａｆｋａ", "flink"),
          "not a tweet",
          tweet(400, "spark"));
      run(db);

      assertThat(window(db, 3)).isEqualTo(Map.of("kafka", 3L, "spark", 1L, "flink", 1L));
      assertThat(window(db, 300)).isEqualTo(Map.of("kafka", 3L, "spark", 1L, "flink", 1L));
      assertThat(window(db, 301)).isEqualTo(Map.of("kafka", 2L, "flink", 1L));
      assertThat(window(db, 302)).isEqualTo(Map.of("kafka", 1L, "flink", 1L));
      assertThat(window(db, 303)).isEmpty();
      assertThat(window(db, 401)).isEqualTo(Map.of("spark", 1L));
      assertThat(window(db, 402)).as("beyond the newest tweet's slide").isEmpty();
      assertThat(
              db.query("SELECT COUNT(DISTINCT window_end) AS windows FROM hashtag_windows")
                  .get(0)
                  .get("windows"))
          .extracting(n -> ((Number) n).intValue())
          .isEqualTo(302 + 1);

      // After restart: t10 is behind the watermark (400 s - 1 min) in every window; t350 still
      // counts in the windows ending after 340 s that hold it.
      send(tweet(10, "late", "later"), tweet(350, "spark"));
      run(db);

      assertThat(window(db, 3)).isEqualTo(Map.of("kafka", 3L, "spark", 1L, "flink", 1L));
      assertThat(window(db, 351)).isEqualTo(Map.of("spark", 1L));
      assertThat(window(db, 401)).isEqualTo(Map.of("spark", 2L));
      assertThat(db.query("SELECT hashtag FROM hashtag_windows WHERE hashtag LIKE 'late%'"))
          .isEmpty();

      Map<String, Ranking> rankings = latestRankings();
      assertThat(rankings.get(key(3)).getEntries())
          .containsExactly(
              new RankEntry(1, "kafka", 3L),
              new RankEntry(2, "flink", 1L),
              new RankEntry(3, "spark", 1L));
      assertThat(rankings.get(key(401)).getEntries())
          .containsExactly(new RankEntry(1, "spark", 2L));
      assertThat(rankings).hasSize(303 + 50);

      List<ConsumerRecord<byte[], byte[]>> late = kafka.readAll(TOPIC + "-late");
      assertThat(late).as("a late tweet with two hashtags is set aside once").hasSize(1);
      assertThat(deserialize(Tweet.class, late.get(0).value()))
          .isEqualTo(tweet(10, "late", "later"));

      List<ConsumerRecord<byte[], byte[]>> dead = kafka.readAll(TOPIC + "-dlq");
      assertThat(dead).hasSize(1);
      DeadLetter letter = deserialize(DeadLetter.class, dead.get(0).value());
      ConsumerRecord<byte[], byte[]> bad =
          DeadLetterTopics.withValue(kafka.readAll(TOPIC), "not a tweet");
      assertThat(letter.getSourceTopic()).isEqualTo(TOPIC);
      assertThat(letter.getSourcePartition()).isEqualTo(bad.partition());
      assertThat(letter.getSourceOffset()).isEqualTo(bad.offset());
      assertThat(StandardCharsets.UTF_8.decode(letter.getPayload()).toString())
          .isEqualTo("not a tweet");
    }
  }

  private static String key(int endSecond) {
    return T0.plusSeconds(endSecond - 300) + "/" + T0.plusSeconds(endSecond);
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> T deserialize(
      Class<T> type, byte[] value) {
    return ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), type)
        .deserialize(TOPIC, value);
  }

  private static Map<String, Ranking> latestRankings() {
    Map<String, Ranking> latest = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : KAFKA.harness().readAll(OUTPUT)) {
      latest.put(
          new String(r.key(), StandardCharsets.UTF_8), deserialize(Ranking.class, r.value()));
    }
    return latest;
  }
}
