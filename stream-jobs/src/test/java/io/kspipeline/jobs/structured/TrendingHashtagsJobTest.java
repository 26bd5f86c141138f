package io.kspipeline.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.TweetRecords;
import io.kspipeline.jobs.common.BatchWatermark;
import io.kspipeline.jobs.structured.input.TweetInput;
import io.kspipeline.jobs.structured.windows.TimeMode;
import io.kspipeline.jobs.structured.windows.WindowResults;
import io.kspipeline.jobs.structured.windows.WindowSpec;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.registry.RegistryClientConfig;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import io.kspipeline.testsupport.stream.Batch;
import io.kspipeline.testsupport.stream.JobStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trending-hashtags' pipeline without a broker (10 s windows sliding 1 s): rankings across state
 * shards, a late tweet with two hashtags set aside once, undecodable values dead-lettered by the
 * same query, and a restart that keeps the sliding counts.
 */
class TrendingHashtagsJobTest {
  private static final Map<String, String> REGISTRY =
      Map.of(RegistryClientConfig.URL, "mock://trending-hashtags-test");
  private static final int TOP = 2;
  private final ConfluentAvroSerializer<Tweet> serializer =
      new ConfluentAvroSerializer<>(SchemaRegistries.connect(REGISTRY), true);

  @TempDir Path checkpoint;

  private JobStream start() {
    return JobStream.start(
        SparkTestSession.get(),
        "tweets",
        checkpoint,
        input ->
            TrendingHashtagsJob.trending(
                TweetInput.avro(input, "tweets", REGISTRY).records(),
                new WindowSpec(Duration.ofSeconds(10), Duration.ofSeconds(1)),
                TimeMode.event,
                Duration.ofSeconds(5),
                TOP,
                4),
        batch -> WindowResults.rankedAcrossShards(BatchWatermark.handedToTasks(batch), TOP));
  }

  private byte[] tweet(int second, String... hashtags) {
    return serializer.serialize("tweets", TweetRecords.tweet(second, hashtags));
  }

  /** The ranking of the window ending at {@code endSecond}: "#rank tag=count". */
  private static List<String> ranking(Batch batch, int endSecond) {
    List<String> out = new ArrayList<>();
    for (Row r : batch.ofKind("rank")) {
      Timestamp end = r.getAs("windowEnd");
      if (end.toInstant().equals(TweetRecords.T0.plusSeconds(endSecond))) {
        out.add("#" + r.getAs("rank") + " " + r.getAs("countKey") + "=" + r.getAs("count"));
      }
    }
    out.sort(null);
    return out;
  }

  @Test
  void shouldRankAcrossShardsSetLateTweetsAsideOnceAndRestart() throws Exception {
    try (JobStream stream = start()) {
      Batch first =
          stream
              .add(tweet(1, "Spark", "kafka"), tweet(2, "spark"), tweet(2, "flink"))
              .add("not avro".getBytes(StandardCharsets.UTF_8))
              .run();
      // Window (-7 s, 3 s]: spark 2 (NFKC + lower case), then flink and kafka at 1, by key.
      assertThat(ranking(first, 3)).as("%s", stream).containsExactly("#1 spark=2", "#2 flink=1");
      assertThat(first.payloads("dead")).as("%s", stream).containsExactly("not avro");

      stream.add(tweet(30, "spark")).run(); // the watermark becomes 25 s
      Batch late = stream.add(tweet(3, "spark", "kafka")).run();
      assertThat(late.column("late", "offset"))
          .as("one late record for a tweet with two hashtags: %s", stream)
          .containsExactly(5L);
      assertThat(late.ofKind("rank")).as("closed windows never change").isEmpty();

      stream.restart();
      Batch afterRestart = stream.add(tweet(31, "spark"), tweet(31, "kafka")).run();
      assertThat(ranking(afterRestart, 32))
          .as("%s", stream)
          .containsExactly("#1 spark=2", "#2 kafka=1");
    }
  }
}
