package io.kspipeline.jobs.dstream;

import static io.kspipeline.jobs.TweetRecords.tweet;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.TweetRecords;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hashtag-counts' running totals (updateStateByKey) without a broker, batch by batch on the manual
 * clock: each batch emits exactly the keys it changed, with their totals since the first batch; a
 * record that is not a tweet counts nothing while the rest of its batch counts; a batch without
 * input emits nothing.
 */
class HashtagCountsJobTest {
  private static final String REGISTRY = "mock://hashtag-counts-test";
  private static final String TOPIC = "tweets";

  @TempDir Path checkpoint;

  /** A batch of records (Tweets framed as Avro, Strings as raw bytes) at offsets from first. */
  private static List<SourceRecord> batch(long first, Object... values) {
    List<byte[]> bytes = new ArrayList<>();
    for (Object value : values) {
      bytes.add(TweetRecords.framed(REGISTRY, TOPIC, value));
    }
    return ScriptedRecords.atOffsets(TOPIC, first, bytes);
  }

  /** The totals the test expects, kept batch by batch from the keys each batch holds. */
  private static final class Totals {
    private final Map<String, Long> totals = new TreeMap<>();

    /** Counts a batch's keys; returns "key=total" of each key it changed. */
    List<String> after(List<String> batchKeys) {
      batchKeys.forEach(key -> totals.merge(key, 1L, Long::sum));
      return new LinkedHashSet<>(batchKeys).stream().map(k -> k + "=" + totals.get(k)).toList();
    }
  }

  @Test
  void shouldEmitTheTotalsEachBatchChangedCountedSinceTheFirstBatch() throws Exception {
    List<SourceRecord> first =
        batch(0, tweet(0, "Spark", "kafka"), tweet(1, "KAFKA"), "not a tweet", tweet(2));
    List<String> firstKeys = List.of("spark", "kafka", "kafka"); // NFKC, lower case
    List<SourceRecord> second = batch(first.size(), tweet(3, "kafka"), tweet(4, "Ｆｌｉｎｋ"));
    List<String> secondKeys = List.of("kafka", "flink");
    List<SourceRecord> fourth = batch(first.size() + second.size(), tweet(5, "spark", "Spark"));
    List<String> fourthKeys = List.of("spark", "spark");
    Map<Long, List<SourceRecord>> script = Map.of(1000L, first, 2000L, second, 4000L, fourth);

    EmittedPerBatch<String> emitted = new EmittedPerBatch<>();
    try (ManualBatches batches =
        ManualBatches.of(
            checkpoint,
            (ssc, start) ->
                emitted.collect(
                    HashtagCountsJob.runningTotals(
                            ScriptedRecords.of(ssc, script)
                                .map(
                                    RecordDecoders.hashtags(
                                        Map.of("schema.registry.url", REGISTRY))))
                        .map(t -> t._1() + "=" + t._2())))) {
      for (int i = 0; i < 4; i++) {
        batches.advance(1000);
      }
    }

    Totals totals = new Totals();
    assertThat(emitted.at(1000)).containsExactlyInAnyOrderElementsOf(totals.after(firstKeys));
    assertThat(emitted.at(2000)).containsExactlyInAnyOrderElementsOf(totals.after(secondKeys));
    assertThat(emitted.at(3000)).as("a batch without input changes nothing").isEmpty();
    assertThat(emitted.at(4000)).containsExactlyInAnyOrderElementsOf(totals.after(fourthKeys));
  }
}
