package io.kspipeline.cli;

import io.kspipeline.core.hashtags.HashtagKeys;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.avro.TweetSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Tweets with unique ids and one to three chosen hashtags, among them several spellings of one key
 * to exercise the normalisation, created in order over a span of time.
 */
final class VerifyTweets {
  private static final String[] TAGS = {
    "Spark", "spark", "Kafka", "KAFKA", "Ｋａｆｋａ", "flink", "Beam", "avro", "jvm", "sql"
  };

  /** Hashtag keys the tags give: a top N at least this long states every one. */
  static final int KEYS = 7;

  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** A tweet as sent, when it was created, and its hashtags' keys, one per occurrence. */
  record Tweeted(VerifyEvents.Event event, Instant createdAt, List<String> keys) {}

  private VerifyTweets() {}

  static List<Tweeted> of(String idPrefix, int count, Duration span, Random random) {
    List<Tweeted> tweets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("%s%07d", idPrefix, i);
      Instant createdAt = T0.plusMillis(span.toMillis() * i / count);
      List<String> tags = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (int t = 1 + random.nextInt(3); t > 0; t--) {
        String tag = TAGS[random.nextInt(TAGS.length)];
        tags.add(tag);
        keys.add(HashtagKeys.key(tag));
      }
      Tweet tweet =
          Tweet.newBuilder()
              .setId(id)
              .setCreatedAt(createdAt)
              .setText("verify #" + String.join(" #", tags))
              .setHashtags(tags)
              .setSource(TweetSource.SYNTHETIC)
              .build();
      tweets.add(new Tweeted(new VerifyEvents.Event(id, tweet), createdAt, keys));
    }
    return tweets;
  }

  /** The tweets' events and the running total of each hashtag key. */
  static VerifyEvents totals(List<Tweeted> tweets) {
    return new VerifyEvents(
        tweets.stream().map(Tweeted::event).toList(),
        VerifyEvents.countsOf(tweets.stream().flatMap(t -> t.keys().stream()).toList()));
  }
}
