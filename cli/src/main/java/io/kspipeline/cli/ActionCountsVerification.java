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
 * action-counts (Structured, event time): JSON web actions, hits per action per 10 s tumbling
 * window. The events' times (whole seconds, in order) span 40 s, inside the 10 m watermark, so none
 * is late and every window's count is exact.
 */
final class ActionCountsVerification implements VerifiedJob {
  private static final String[] ACTIONS = {"view", "click", "search", "purchase"};
  private static final Duration SPAN = Duration.ofSeconds(40);
  private static final EventWindows WINDOWS = EventWindows.tumbling(Duration.ofSeconds(10));

  @Override
  public JobSpec spec() {
    return JobCatalog.ACTION_COUNTS;
  }

  @Override
  public Map<String, Long> topicCounts(OutputValue value) {
    return EventWindows.ofWindowedCount(value);
  }

  @Override
  public VerifyEvents events(int count, Random random) {
    List<VerifyEvents.Event> events = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("a%07d", i);
      Instant time = StatusCountsVerification.T0.plusSeconds(SPAN.toSeconds() * i / count);
      String action = ACTIONS[random.nextInt(ACTIONS.length)];
      events.add(VerifyEvents.Event.text(id, webAction(action, time, id)));
      keys.addAll(WINDOWS.keysOf(time, action));
    }
    return new VerifyEvents(events, VerifyEvents.countsOf(keys));
  }

  @Override
  public List<String> options() {
    return List.of("--window", "10s", "--watermark", "10m");
  }

  /** A web action as the job reads it: JSON with an ISO-8601 time, the event id as its user. */
  static String webAction(String action, Instant time, String userId) {
    return String.format(
        "{\"action\":\"%s\",\"time\":\"%s\",\"userId\":\"%s\"}", action, time, userId);
  }
}
