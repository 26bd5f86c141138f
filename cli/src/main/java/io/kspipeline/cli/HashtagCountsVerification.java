package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

/** hashtag-counts (DStream): tweets with chosen hashtags, running totals per hashtag key. */
final class HashtagCountsVerification implements VerifiedJob {
  @Override
  public JobSpec spec() {
    return JobCatalog.HASHTAG_COUNTS;
  }

  @Override
  public Map<String, Long> topicCounts(OutputValue value) {
    return Map.of(value.get("key").toString(), (Long) value.get("count"));
  }

  @Override
  public VerifyEvents events(int count, Random random) {
    return VerifyTweets.totals(VerifyTweets.of("t", count, Duration.ofMillis(10L * count), random));
  }
}
