package io.kspipeline.jobs;

import static io.kspipeline.jobs.TweetRecords.T0;
import static io.kspipeline.jobs.TweetRecords.tweet;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.hashtags.HashtagKeys;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.jobs.dstream.HashtagCountsCommand;
import io.kspipeline.jobs.dstream.ManualBatches;
import io.kspipeline.jobs.dstream.PopularHashtagsCommand;
import io.kspipeline.jobs.structured.TrendingHashtagsCommand;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same tweets through the three hashtag jobs — trending-hashtags (Structured, per-second
 * buckets, event time), popular-hashtags (DStream reduceByKeyAndWindow, processing time) and
 * hashtag-counts (DStream updateStateByKey) — with every tweet inside one 300 s window: the
 * full-window counts of both windowed jobs and the running totals all equal the counts computed
 * here.
 */
class HashtagParityIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String REGISTRY = "mock://hashtag-parity-it";
  private static final String INPUT = "parity-tweets";
  private static final String[] TAGS = {
    "Spark", "SPARK", "Kafka", "kafka", "Ｋａｆｋａ", "Flink", "beam", "Storm", "ÉTÉ", "été", "sql"
  };

  @TempDir Path checkpoints;

  @Test
  void shouldAgreeOnTheCountsOfAWindowHoldingEveryTweet() throws Exception {
    KAFKA.harness().createTopic(INPUT, 2);
    for (String topic :
        List.of(
            "parity-trending",
            "parity-popular",
            "parity-totals",
            INPUT + "-dlq",
            INPUT + "-late")) {
      KAFKA.harness().createTopic(topic, 1);
    }
    Map<String, Long> truth = new TreeMap<>();
    List<Object> tweets = new ArrayList<>();
    Random random = new Random(7);
    int lastSecond = 0;
    for (int i = 0; i < 400; i++) {
      String[] tags = new String[random.nextInt(4)];
      for (int t = 0; t < tags.length; t++) {
        tags[t] = TAGS[random.nextInt(TAGS.length)];
        truth.merge(HashtagKeys.key(tags[t]), 1L, Long::sum);
      }
      lastSecond = i / 8; // 50 s of tweets
      tweets.add(tweet(lastSecond, tags));
    }
    TweetRecords.send(KAFKA.bootstrapServers(), REGISTRY, INPUT, tweets.toArray());

    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      // The same windows for both jobs: 300 s sliding 1 s.
      JobArguments common =
          JobArguments.builder()
              .bootstrap(KAFKA.bootstrapServers())
              .registry(REGISTRY)
              .jdbcUrl(db.url())
              .inputTopic(INPUT)
              .deadLetterTopic(INPUT + "-dlq")
              .option("--window", Duration.ofSeconds(300))
              .option("--slide", Duration.ofSeconds(1))
              .option("--top", 100)
              .build();

      TrendingHashtagsCommand trending =
          common.toBuilder()
              .checkpoint(checkpoints.resolve("trending"))
              .trigger("available-now")
              .option("--watermark", Duration.ofMinutes(1))
              .outputTopic("parity-trending")
              .build()
              .configure(new TrendingHashtagsCommand());
      QueryRunner.awaitAll(SparkTestSession.get(), trending.start(SparkTestSession.get()));

      PopularHashtagsCommand popular =
          common.toBuilder()
              .checkpoint(checkpoints.resolve("popular"))
              .batch(Duration.ofSeconds(1))
              .outputTopic("parity-popular")
              .build()
              .configure(new PopularHashtagsCommand());
      ManualBatches.runOneBatch(popular::context);

      HashtagCountsCommand totals =
          JobArguments.builder()
              .bootstrap(KAFKA.bootstrapServers())
              .registry(REGISTRY)
              .jdbcUrl(db.url())
              .inputTopic(INPUT)
              .checkpoint(checkpoints.resolve("totals"))
              .batch(Duration.ofSeconds(1))
              .outputTopic("parity-totals")
              .build()
              .configure(new HashtagCountsCommand());
      ManualBatches.runOneBatch(totals::context);

      // The trending window that ends after the last tweet's second holds all of them; so does
      // popular-hashtags' first slide (at 1 s on the manual clock), which read all of them.
      LocalDateTime end = LocalDateTime.ofInstant(T0.plusSeconds(lastSecond + 1), ZoneOffset.UTC);
      assertThat(counts(db, "SELECT window_end AS t, hashtag, hits FROM hashtag_windows", end))
          .as("trending-hashtags, window ending " + end)
          .isEqualTo(truth);
      LocalDateTime firstSlide = LocalDateTime.ofEpochSecond(1, 0, ZoneOffset.UTC);
      assertThat(
              counts(db, "SELECT slide_time AS t, hashtag, hits FROM popular_hashtags", firstSlide))
          .as("popular-hashtags, first slide")
          .isEqualTo(truth);
      assertThat(counts(db, "SELECT hashtag, hits FROM hashtag_counts", null))
          .as("hashtag-counts")
          .isEqualTo(truth);
    }
  }

  /** hashtag → hits of the rows whose {@code t} is {@code at} (all rows when null). */
  private static Map<String, Long> counts(TestDatabase db, String sql, LocalDateTime at) {
    Map<String, Long> counts = new TreeMap<>();
    for (Map<String, Object> row : db.query(sql)) {
      if (at == null || at.equals(row.get("t"))) {
        counts.put((String) row.get("hashtag"), ((Number) row.get("hits")).longValue());
      }
    }
    return counts;
  }
}
