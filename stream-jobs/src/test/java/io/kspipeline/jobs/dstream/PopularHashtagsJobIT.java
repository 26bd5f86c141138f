package io.kspipeline.jobs.dstream;

import static io.kspipeline.jobs.TweetRecords.tweet;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.DeadLetterTopics;
import io.kspipeline.jobs.TweetRecords;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.schemas.avro.RankEntry;
import io.kspipeline.schemas.avro.Ranking;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * popular-hashtags (reduceByKeyAndWindow with the inverse function) through a real broker, slide by
 * slide on the manual clock, with a 3 s window sliding 1 s: exact top N per slide with ties ordered
 * by hashtag, hashtags leaving as their batches leave the window (no zero counts kept), the ranking
 * topic, the table's retention, and a record that is not a tweet in the dead-letter topic with its
 * provenance while the rest of its batch counts.
 */
class PopularHashtagsJobIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String REGISTRY = "mock://popular-hashtags-it";
  private static final String INPUT = "ph-tweets";
  private static final String OUTPUT = "ph-rankings";
  private static final String NOT_A_TWEET = "not a tweet";

  @TempDir Path checkpoint;

  private static void send(Object... tweets) throws Exception {
    TweetRecords.send(KAFKA.bootstrapServers(), REGISTRY, INPUT, tweets);
  }

  /** popular_hashtags as slide second → ["#rank hashtag=hits", ...]. */
  private static Map<Long, List<String>> table(TestDatabase db) {
    Map<Long, List<String>> slides = new TreeMap<>();
    for (Map<String, Object> row :
        db.query(
            "SELECT slide_time, rank, hashtag, hits FROM popular_hashtags"
                + " ORDER BY slide_time, rank")) {
      long second = ((LocalDateTime) row.get("slide_time")).toEpochSecond(ZoneOffset.UTC);
      slides
          .computeIfAbsent(second, s -> new ArrayList<>())
          .add("#" + row.get("rank") + " " + row.get("hashtag") + "=" + row.get("hits"));
    }
    return slides;
  }

  @Test
  void shouldRankEachSlideAndLetHashtagsLeaveWithTheirBatches() throws Exception {
    KAFKA.harness().createTopic(INPUT, 2);
    KAFKA.harness().createTopic(OUTPUT, 1);
    KAFKA.harness().createTopic(INPUT + "-dlq", 1);
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      PopularHashtagsCommand command =
          JobArguments.builder()
              .bootstrap(KAFKA.bootstrapServers())
              .registry(REGISTRY)
              .checkpoint(checkpoint)
              .batch(Duration.ofSeconds(1))
              .jdbcUrl(db.url())
              .inputTopic(INPUT)
              .deadLetterTopic(INPUT + "-dlq")
              .outputTopic(OUTPUT)
              .option("--window", Duration.ofSeconds(3))
              .option("--slide", Duration.ofSeconds(1))
              .option("--top", 10)
              .option("--retain", Duration.ofSeconds(3))
              .build()
              .configure(new PopularHashtagsCommand());
      try (ManualBatches batches = new ManualBatches(command::context)) {
        send(tweet(0, "a", "B"), tweet(1, "A"), NOT_A_TWEET, tweet(2, "c"));
        batches.advance(1000); // window (-2 s, 1 s]; the record that is not a tweet counts nothing
        assertThat(table(db).get(1L)).containsExactly("#1 a=2", "#2 b=1", "#3 c=1");

        batches.advance(1000); // (-1 s, 2 s]: same batches
        assertThat(table(db).get(2L)).containsExactly("#1 a=2", "#2 b=1", "#3 c=1");

        send(tweet(3, "b"), tweet(4, "b"), tweet(5, "d"));
        batches.advance(1000); // (0 s, 3 s]
        assertThat(table(db).get(3L)).containsExactly("#1 b=3", "#2 a=2", "#3 c=1", "#4 d=1");

        batches.advance(1000); // (1 s, 4 s]: the first batch left; a and c are gone, not 0
        assertThat(table(db).get(4L)).containsExactly("#1 b=2", "#2 d=1");

        batches.advance(1000); // (2 s, 5 s]
        assertThat(table(db).get(5L)).containsExactly("#1 b=2", "#2 d=1");

        batches.advance(1000); // (3 s, 6 s]: nothing left in the window, so no ranking at all
        // Retention 3 s: at slide 6 s, slides before 3 s were deleted.
        assertThat(table(db).keySet()).containsExactly(3L, 4L, 5L);
      }

      Map<String, Ranking> rankings = new HashMap<>();
      ConfluentAvroDeserializer<Ranking> reader =
          ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), Ranking.class);
      for (ConsumerRecord<byte[], byte[]> r : KAFKA.harness().readAll(OUTPUT)) {
        rankings.put(
            new String(r.key(), StandardCharsets.UTF_8), reader.deserialize(OUTPUT, r.value()));
      }
      assertThat(rankings.get("1970-01-01T00:00:01Z/1970-01-01T00:00:04Z").getEntries())
          .containsExactly(new RankEntry(1, "b", 2L), new RankEntry(2, "d", 1L));
      assertThat(rankings).hasSize(5);
    }
    ConsumerRecord<byte[], byte[]> bad =
        DeadLetterTopics.withValue(KAFKA.harness().readAll(INPUT), NOT_A_TWEET);
    String reason =
        RecordDecoders.hashtags(Map.of("schema.registry.url", REGISTRY))
            .call(SourceRecord.of(bad))
            .error();
    assertThat(
            DeadLetterTopics.read(
                REGISTRY, INPUT + "-dlq", KAFKA.harness().readAll(INPUT + "-dlq")))
        .containsExactly(
            DeadLetterTopics.expected(bad, PopularHashtagsJob.NAME, "UnknownMagicByte", reason));
  }
}
