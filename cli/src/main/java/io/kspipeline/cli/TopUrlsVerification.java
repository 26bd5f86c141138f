package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.schemas.avro.Ranking;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * top-urls (Structured, event time): requests to a few endpoints, hits per 30 s window sliding 10
 * s. The events span less than the 1 m watermark, so none can be late; the ranking is asked for
 * more endpoints than there are, so each window's ranking states every endpoint's count.
 */
final class TopUrlsVerification implements VerifiedJob {
  private static final int ENDPOINTS = 8;
  private static final Duration SPAN = Duration.ofSeconds(40);
  private static final long WINDOW_MS = 30_000;
  private static final long SLIDE_MS = 10_000;
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Override
  public JobSpec spec() {
    return JobCatalog.TOP_URLS;
  }

  @Override
  public List<String> keyColumns() {
    return List.of("window_start", "endpoint");
  }

  @Override
  public Schema outputSchema() {
    return Ranking.getClassSchema();
  }

  @Override
  public Map<String, Long> topicCounts(GenericRecord value) {
    Object start = value.get("windowStart"); // an Instant when the reader applies logical types
    Instant windowStart = start instanceof Instant i ? i : Instant.ofEpochMilli((Long) start);
    Map<String, Long> counts = new HashMap<>();
    for (Object entry : (List<?>) value.get("entries")) {
      GenericRecord e = (GenericRecord) entry;
      counts.put(windowStart + " " + e.get("key"), (Long) e.get("count"));
    }
    return counts;
  }

  @Override
  public VerifyEvents events(int count, Random random) {
    List<VerifyEvents.Event> events = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("u%07d", i);
      long millis = SPAN.toMillis() * i / count; // in order: nothing behind the watermark
      String endpoint = "/page/" + random.nextInt(ENDPOINTS);
      events.add(
          new VerifyEvents.Event(
              id,
              StatusCountsVerification.accessLog(
                  id, T0.plusMillis(millis), endpoint, 200, random)));
      // Every window (aligned to the epoch, as Spark's) that holds the event.
      for (long start = millis - millis % SLIDE_MS; start > millis - WINDOW_MS; start -= SLIDE_MS) {
        keys.add(T0.plusMillis(start) + " " + endpoint);
      }
    }
    return new VerifyEvents(events, VerifyEvents.countsOf(keys));
  }

  @Override
  public List<String> args(VerifySetup setup, int backlog, boolean drain) {
    List<String> args = setup.jobArgs(name());
    args.addAll(
        List.of(
            "--window",
            "30s",
            "--slide",
            "10s",
            "--watermark",
            "1m",
            "--top",
            String.valueOf(ENDPOINTS * 2)));
    return StatusCountsVerification.structuredArgs(args, backlog, drain);
  }

  @Override
  public boolean endsWhenDrained() {
    return true;
  }
}
