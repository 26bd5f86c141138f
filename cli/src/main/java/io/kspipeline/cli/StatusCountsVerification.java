package io.kspipeline.cli;

import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.avro.StatusCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;

/** status-counts (Structured): access-log events with unique endpoints, hits per status. */
final class StatusCountsVerification implements VerifiedJob {
  static final String NAME = "status-counts";
  private static final int[] STATUSES = {200, 200, 200, 301, 304, 404, 500, 503};
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String table() {
    return "status_counts";
  }

  @Override
  public String keyColumn() {
    return "status";
  }

  @Override
  public Schema outputSchema() {
    return StatusCount.getClassSchema();
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
              id,
              AccessLogEvent.newBuilder()
                  .setClientIp("10.0.0." + random.nextInt(256))
                  .setTimestamp(T0.plusMillis(i * 10L))
                  .setMethod("GET")
                  .setEndpoint("/verify/" + id)
                  .setProtocol("HTTP/1.1")
                  .setStatus(status)
                  .setContentSize((long) random.nextInt(10_000))
                  .build()));
      keys.add(String.valueOf(status));
    }
    return new VerifyEvents(events, VerifyEvents.countsOf(keys));
  }

  @Override
  public List<String> args(VerifySetup setup, int backlog, boolean drain) {
    List<String> args = setup.jobArgs(NAME);
    if (drain) {
      // Unpaced: what is left is processed in as few batches as possible, then the job ends.
      args.addAll(List.of("--trigger", "available-now"));
    } else {
      // Paced: the run's backlog lasts about six batches, so a kill lands mid-stream.
      args.addAll(
          List.of(
              "--trigger",
              "1s",
              "--max-offsets-per-trigger",
              String.valueOf(Math.max(10, backlog / 6))));
    }
    return args;
  }

  @Override
  public boolean endsWhenDrained() {
    return true;
  }
}
