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
            "%squery=%s batch=%d start_ms=%d end_ms=%d rows=%d cpu_ms=%d end_offsets=%s",
            PROGRESS,
            p.name(),
            p.batchId(),
            start,
            end,
            p.numInputRows(),
            ProcessStats.cpuMillis(),
            endOffsets));
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}

  private static String compact(String json) {
    return json == null ? "{}" : json.replaceAll("\\s+", "");
  }

  private static synchronized void print(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
