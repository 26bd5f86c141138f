package io.kspipeline.producer;

import io.kspipeline.producer.run.ProduceCounters;
import java.util.Locale;

/**
 * The last line of a produce run. Lines read = lines sent + dead-lettered + failed + skipped
 * (control messages); for tweets, {@code sent} counts tweets, and a page line may hold several.
 */
public record ProduceSummary(
    long read,
    long sent,
    long deadLettered,
    long failed,
    long skipped,
    long bytes,
    double seconds) {

  public static ProduceSummary of(ProduceCounters counters, double seconds) {
    return new ProduceSummary(
        counters.read(),
        counters.sent(),
        counters.deadLettered(),
        counters.failed(),
        counters.skipped(),
        counters.bytes(),
        seconds);
  }

  public String line(String topic) {
    return String.format(
        Locale.ROOT,
        "produce: topic=%s read=%d sent=%d dead_lettered=%d failed=%d skipped=%d bytes=%d"
            + " seconds=%.1f rate=%.0f/s",
        topic,
        read,
        sent,
        deadLettered,
        failed,
        skipped,
        bytes,
        seconds,
        read / Math.max(seconds, 0.001));
  }
}
