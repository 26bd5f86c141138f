package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.generic.GenericRecord;

/**
 * popular-hashtags (DStream): its windows are batch (processing) times, so which tweets a slide
 * counts depends on when they were read, and no slide but the last is checkable exactly. With a
 * window longer than the whole verify run and a top N longer than the hashtag keys, the last slide
 * holds every tweet: its ranking, in the table (the rows of the latest slide time) and in the topic
 * (the last record), must state each key's total. The earlier slides and the ranks' order are not
 * checked.
 */
final class PopularHashtagsVerification implements VerifiedJob {
  /** Longer than any verify run of the job (runs of at most 5 minutes each, a few kills). */
  static final Duration WINDOW = Duration.ofMinutes(30);

  @Override
  public JobSpec spec() {
    return JobCatalog.POPULAR_HASHTAGS;
  }

  @Override
  public VerifyEvents events(int count, Random random) {
    return VerifyTweets.totals(VerifyTweets.of("p", count, Duration.ofMillis(10L * count), random));
  }

  @Override
  public Map<String, Long> topicCounts(OutputValue value) {
    Map<String, Long> counts = new HashMap<>();
    for (Object entry : (List<?>) value.get("entries")) {
      OutputValue e = OutputValue.avro((GenericRecord) entry);
      counts.put(e.get("key").toString(), (Long) e.get("count"));
    }
    return counts;
  }

  @Override
  public List<String> keyColumns() {
    return List.of("hashtag");
  }

  @Override
  public String resultRows() {
    return "slide_time = (SELECT MAX(slide_time) FROM " + table() + ")";
  }

  @Override
  public OutputReading outputReading() {
    return OutputReading.LAST_RECORD;
  }

  @Override
  public List<String> options() {
    return List.of(
        "--window",
        WINDOW.toSeconds() + "s",
        "--slide",
        "1s",
        "--top",
        String.valueOf(VerifyTweets.KEYS * 2));
  }
}
