package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * error-alerts (Structured, no table): access-log events, each with its id in its endpoint; the
 * truth is one alert per server error (status 500 and above) and none for the others. Each distinct
 * alert record names its event by its endpoint.
 */
final class ErrorAlertsVerification implements VerifiedJob {
  private static final String ENDPOINT = "/verify/";

  @Override
  public JobSpec spec() {
    return JobCatalog.ERROR_ALERTS;
  }

  /** Alerts are sent at least once, as they come: a replayed batch may alert again. */
  @Override
  public boolean writesExactlyOnce() {
    return false;
  }

  @Override
  public Map<String, Long> topicCounts(OutputValue value) {
    return Map.of(value.get("endpoint").toString().substring(ENDPOINT.length()), 1L);
  }

  @Override
  public VerifyEvents events(int count, Random random) {
    List<VerifyEvents.Event> events = new ArrayList<>();
    List<String> alerted = new ArrayList<>();
    int[] statuses = StatusCountsVerification.STATUSES;
    for (int i = 0; i < count; i++) {
      String id = String.format("x%07d", i);
      int status = statuses[random.nextInt(statuses.length)];
      events.add(
          new VerifyEvents.Event(
              id,
              StatusCountsVerification.accessLog(
                  id,
                  StatusCountsVerification.T0.plusMillis(i * 10L),
                  ENDPOINT + id,
                  status,
                  random)));
      if (status >= 500) {
        alerted.add(id);
      }
    }
    return new VerifyEvents(events, VerifyEvents.countsOf(alerted));
  }
}
