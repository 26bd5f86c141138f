package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * trending-hashtags (Structured, event time): tweets created in order over 40 s, inside the 1 m
 * watermark so none is late, counted per hashtag key in 30 s windows sliding 10 s. The job reports
 * a window once the newest event reaches its last slide (the window of "the last 30 s"), so the
 * windows that end after the newest tweet's slide are not expected. The ranking is asked for more
 * hashtags than there are keys, so every window's ranking, and the table, state every hashtag's
 * count in it.
 */
final class TrendingHashtagsVerification implements VerifiedJob {
  private static final Duration SPAN = Duration.ofSeconds(40);
  private static final EventWindows WINDOWS =
      new EventWindows(Duration.ofSeconds(30), Duration.ofSeconds(10));

  @Override
  public JobSpec spec() {
    return JobCatalog.TRENDING_HASHTAGS;
  }

  @Override
  public Map<String, Long> topicCounts(OutputValue value) {
    return EventWindows.ofRanking(value);
  }

  @Override
  public VerifyEvents events(int count, Random random) {
    List<VerifyTweets.Tweeted> tweets = VerifyTweets.of("h", count, SPAN, random);
    Instant newest = tweets.get(tweets.size() - 1).createdAt();
    List<String> keys = new ArrayList<>();
    for (VerifyTweets.Tweeted tweet : tweets) {
      for (Instant start : WINDOWS.startsHolding(tweet.createdAt())) {
        if (WINDOWS.reachedBy(start, newest)) {
          tweet.keys().forEach(key -> keys.add(EventWindows.key(start, key)));
        }
      }
    }
    return new VerifyEvents(
        tweets.stream().map(VerifyTweets.Tweeted::event).toList(), VerifyEvents.countsOf(keys));
  }

  @Override
  public List<String> options() {
    return WINDOWS.rankingOptions(VerifyTweets.KEYS * 2);
  }
}
