package io.kspipeline.benchmarks.bench;

import java.time.Instant;
import java.util.Locale;
import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Prints one line per micro-batch of a job run by the bench (registered through {@code
 * spark.sql.streaming.streamingQueryListeners}): its times, rows, the process CPU so far and the
 * input offsets it ended at. The bench derives sustained rates, CPU per event and latencies from
 * these lines.
 */
public final class JobProgressListener extends StreamingQueryListener {
  static final String STARTED = "started query=";
  static final String PROGRESS = "progress ";

  @Override
  public void onQueryStarted(QueryStartedEvent event) {
    print(STARTED + event.name());
  }

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress p = event.progress();
    long start = Instant.parse(p.timestamp()).toEpochMilli();
    Long trigger = p.durationMs().get("triggerExecution");
    long end = start + (trigger == null ? 0 : trigger);
    SourceProgress[] sources = p.sources();
    String endOffsets = sources.length == 0 ? "{}" : compact(sources[0].endOffset());
    print(
        String.format(
            Locale.ROOT,
            "%squery=%s batch=%d start_ms=%d end_ms=%d rows=%d cpu_ms=%d durations=%s"
                + " end_offsets=%s",
            PROGRESS,
            p.name(),
            p.batchId(),
            start,
            end,
            p.numInputRows(),
            ProcessStats.cpuMillis(),
            durations(p),
            endOffsets));
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}

  /** Where the batch's time went: Spark's phases (planning, addBatch, walCommit ...), in ms. */
  private static String durations(StreamingQueryProgress p) {
    StringBuilder text = new StringBuilder();
    new java.util.TreeMap<>(p.durationMs())
        .forEach(
            (phase, ms) -> {
              if (!phase.equals("triggerExecution")) {
                text.append(text.length() == 0 ? "" : ",").append(phase).append(':').append(ms);
              }
            });
    return text.length() == 0 ? "-" : text.toString();
  }

  private static String compact(String json) {
    return json == null ? "{}" : json.replaceAll("\\s+", "");
  }

  private static synchronized void print(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
