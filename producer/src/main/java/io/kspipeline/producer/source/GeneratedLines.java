package io.kspipeline.producer.source;

import java.time.Instant;

/**
 * What the seeded generators share: {@code count} lines (-1: no end) until stopped, the n-th (from
 * 0) happening {@code n / eventsPerSecond} seconds after the start. That spacing is the event-time
 * rate, not the send rate: --rate paces the sending.
 */
abstract class GeneratedLines implements LineSource {
  private final long count;
  private final long startMillis;
  private final double millisPerEvent;
  private long produced;
  private volatile boolean stopped;

  GeneratedLines(long count, Instant start, double eventsPerSecond) {
    this.count = count;
    this.startMillis = start.toEpochMilli();
    this.millisPerEvent = 1000.0 / eventsPerSecond;
  }

  @Override
  public final InputLine next() {
    if (stopped || (count >= 0 && produced >= count)) {
      return null;
    }
    long n = produced++;
    Instant time = Instant.ofEpochMilli(startMillis + (long) (n * millisPerEvent));
    return new InputLine(line(n, time), "generated:" + (n + 1));
  }

  /** The n-th line (from 0), whose event happened at {@code time}. */
  abstract String line(long n, Instant time);

  /** How many lines are left from the n-th on, itself included: Long.MAX_VALUE without an end. */
  final long linesFrom(long n) {
    return count < 0 ? Long.MAX_VALUE : count - n;
  }

  @Override
  public void stop() {
    stopped = true;
  }
}
