package io.kspipeline.cli;

import io.kspipeline.core.hashtags.HashtagKeys;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.schemas.avro.KeyCount;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.avro.TweetSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * hashtag-counts (DStream): tweets with unique ids and chosen hashtags (several spellings of one
 * key, to exercise the normalisation), running totals per hashtag key.
 */
final class HashtagCountsVerification implements VerifiedJob {
  private static final String[] TAGS = {
    "Spark", "spark", "Kafka", "KAFKA", "Ｋａｆｋａ", "flink", "Beam", "avro", "jvm", "sql"
  };
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Override
  public JobSpec spec() {
    return JobCatalog.HASHTAG_COUNTS;
  }

  @Override
  public List<String> keyColumns() {
    return List.of("hashtag");
  }

  @Override
  public Map<String, Long> topicCounts(GenericRecord value) {
    return Map.of(value.get("key").toString(), (Long) value.get("count"));
  }

  @Override
  public Schema outputSchema() {
    return KeyCount.getClassSchema();
  }

  @Override
  public VerifyEvents events(int count, Random random) {
    List<VerifyEvents.Event> events = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("t%07d", i);
      List<String> tags = new ArrayList<>();
      for (int t = 1 + random.nextInt(3); t > 0; t--) {
        String tag = TAGS[random.nextInt(TAGS.length)];
        tags.add(tag);
        keys.add(HashtagKeys.key(tag));
      }
      events.add(
          new VerifyEvents.Event(
              id,
              Tweet.newBuilder()
                  .setId(id)
                  .setCreatedAt(T0.plusMillis(i * 10L))
                  .setText("verify #" + String.join(" #", tags))
                  .setHashtags(tags)
                  .setSource(TweetSource.SYNTHETIC)
                  .build()));
    }
    return new VerifyEvents(events, VerifyEvents.countsOf(keys));
  }

  @Override
  public List<String> args(VerifySetup setup, int backlog, boolean drain) {
    List<String> args = setup.jobArgs(name());
    // Two input partitions, 1 s batches: a run's backlog lasts about six batches, so a kill lands
    // mid-stream. The last run is paced the same: the rate is part of what a DStream checkpoint
    // holds (a restored job runs with its first run's), and a start with another is refused.
    args.addAll(
        List.of(
            "--batch",
            "1s",
            "--group-id",
            setup.groupId(),
            "--max-rate-per-partition",
            String.valueOf(Math.max(5, backlog / 12))));
    return args;
  }

  @Override
  public boolean endsWhenDrained() {
    return false;
  }
}
