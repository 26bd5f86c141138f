package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.schemas.avro.AccessLogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** status-counts (Structured): access-log events with unique endpoints, hits per status. */
final class StatusCountsVerification implements VerifiedJob {
  static final int[] STATUSES = {200, 200, 200, 301, 304, 404, 500, 503};
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Override
  public JobSpec spec() {
    return JobCatalog.STATUS_COUNTS;
  }

  @Override
  public Map<String, Long> topicCounts(OutputValue value) {
    return Map.of(String.valueOf(value.get("status")), (Long) value.get("count"));
  }

  @Override
  public VerifyEvents events(int count, Random random) {
    List<VerifyEvents.Event> events = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("e%07d", i);
      int status = STATUSES[random.nextInt(STATUSES.length)];
      events.add(
          new VerifyEvents.Event(
              id, accessLog(id, T0.plusMillis(i * 10L), "/verify/" + id, status, random)));
      keys.add(String.valueOf(status));
    }
    return new VerifyEvents(events, VerifyEvents.countsOf(keys));
  }

  /** A request whose user agent names its event id. */
  static AccessLogEvent accessLog(
      String id, Instant time, String endpoint, int status, Random random) {
    return AccessLogEvent.newBuilder()
        .setClientIp("10.0.0." + random.nextInt(256))
        .setTimestamp(time)
        .setMethod("GET")
        .setEndpoint(endpoint)
        .setProtocol("HTTP/1.1")
        .setStatus(status)
        .setContentSize((long) random.nextInt(10_000))
        .setUserAgent("verify/" + id)
        .build();
  }
}
