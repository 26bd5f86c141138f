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
 * top-urls (Structured, event time): requests to a few endpoints, hits per 30 s window sliding 10
 * s. The events span less than the 1 m watermark, so none can be late; the ranking is asked for
 * more endpoints than there are, so each window's ranking states every endpoint's count.
 */
final class TopUrlsVerification implements VerifiedJob {
  private static final int ENDPOINTS = 8;
  private static final Duration SPAN = Duration.ofSeconds(40);
  private static final EventWindows WINDOWS =
      new EventWindows(Duration.ofSeconds(30), Duration.ofSeconds(10));

  @Override
  public JobSpec spec() {
    return JobCatalog.TOP_URLS;
  }

  @Override
  public Map<String, Long> topicCounts(OutputValue value) {
    return EventWindows.ofRanking(value);
  }

  @Override
  public VerifyEvents events(int count, Random random) {
    List<VerifyEvents.Event> events = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("u%07d", i);
      // In order over less than the watermark: nothing is behind it.
      Instant time = StatusCountsVerification.T0.plusMillis(SPAN.toMillis() * i / count);
      String endpoint = "/page/" + random.nextInt(ENDPOINTS);
      events.add(
          new VerifyEvents.Event(
              id, StatusCountsVerification.accessLog(id, time, endpoint, 200, random)));
      keys.addAll(WINDOWS.keysOf(time, endpoint));
    }
    return new VerifyEvents(events, VerifyEvents.countsOf(keys));
  }

  @Override
  public List<String> options() {
    return WINDOWS.rankingOptions(ENDPOINTS * 2);
  }
}
