package io.kspipeline.producer.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Progress of a produce run on standard error: a bar with rate and ETA redrawn every second on a
 * terminal, a plain line every 10 seconds otherwise (logs, CI), nothing when off.
 */
public final class ProgressReporter implements AutoCloseable {
  /** How progress is shown. */
  public enum Mode {
    AUTO,
    BAR,
    LINES,
    NONE
  }

  private final PrintStream out;
  private final ProduceCounters counters;
  private final LongSupplier done;
  private final long total;
  private final String unit;
  private final ScheduledExecutorService timer;
  private final long startNanos = System.nanoTime();
  private final boolean bar;

  /**
   * @param done progress so far (bytes of input files, or lines), compared with {@code total}
   * @param total the amount at the end, or -1 when unknown (follow, stdin, endless generation)
   */
  public ProgressReporter(
      Mode mode,
      PrintStream out,
      ProduceCounters counters,
      LongSupplier done,
      long total,
      String unit) {
    Mode chosen = mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.LINES) : mode;
    this.out = out;
    this.counters = counters;
    this.done = done;
    this.total = total;
    this.unit = unit;
    this.bar = chosen == Mode.BAR;
    if (chosen == Mode.NONE) {
      this.timer = null;
      return;
    }
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "produce-progress");
              t.setDaemon(true);
              return t;
            });
    long period = bar ? 1 : 10;
    timer.scheduleAtFixedRate(this::report, period, period, TimeUnit.SECONDS);
  }

  private void report() {
    double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
    long read = counters.read();
    double rate = read / seconds;
    if (!bar) {
      out.printf(
          Locale.ROOT,
          "produce: read=%d sent=%d dead_lettered=%d failed=%d rate=%.0f/s%n",
          read,
          counters.sent(),
          counters.deadLettered(),
          counters.failed(),
          rate);
      return;
    }
    StringBuilder line = new StringBuilder("\r");
    if (total > 0) {
      double fraction = Math.min(1.0, done.getAsLong() / (double) total);
      int filled = (int) (fraction * 30);
      line.append('[').append("#".repeat(filled)).append(".".repeat(30 - filled)).append("] ");
      line.append(String.format(Locale.ROOT, "%3.0f%% ", fraction * 100));
      double remaining = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
      line.append(String.format(Locale.ROOT, "ETA %s ", clock((long) remaining)));
    }
    line.append(
        String.format(
            Locale.ROOT,
            "%,d %s %,.0f/s sent %,d dlq %,d",
            read,
            unit,
            rate,
            counters.sent(),
            counters.deadLettered()));
    out.print(line);
    out.flush();
  }

  private static String clock(long seconds) {
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60);
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      if (bar) {
        report();
        out.println();
      }
    }
  }
}
