package io.kspipeline.producer.run;

import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Paces sends: at most {@code rate} records per second, and/or replaying the original gaps between
 * event times divided by {@code replaySpeed} (2 = twice as fast). Both off: full speed.
 */
public final class Pacer {
  /** Waits; returns early when interrupted. */
  interface Sleeper {
    void sleepNanos(long nanos);
  }

  private final double rate;
  private final double replaySpeed;
  private final LongSupplier clock;
  private final Sleeper sleeper;
  private long started = -1;
  private long sent;
  private long firstEventMillis = Long.MIN_VALUE;

  public Pacer(double rate, double replaySpeed) {
    this(rate, replaySpeed, System::nanoTime, LockSupport::parkNanos);
  }

  Pacer(double rate, double replaySpeed, LongSupplier clock, Sleeper sleeper) {
    this.rate = rate;
    this.replaySpeed = replaySpeed;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public static Pacer fullSpeed() {
    return new Pacer(0, 0);
  }

  /** Waits until the next record is due; returns false when interrupted. */
  public boolean await(Instant eventTime) {
    long now = clock.getAsLong();
    if (started < 0) {
      started = now;
    }
    long due = now;
    if (rate > 0) {
      due = Math.max(due, started + (long) (sent * 1_000_000_000L / rate));
    }
    if (replaySpeed > 0 && eventTime != null) {
      long event = eventTime.toEpochMilli();
      if (firstEventMillis == Long.MIN_VALUE) {
        firstEventMillis = event;
      }
      long offsetNanos = (long) ((event - firstEventMillis) * 1_000_000L / replaySpeed);
      due = Math.max(due, started + Math.max(0, offsetNanos));
    }
    sent++;
    for (long wait = due - clock.getAsLong(); wait > 0; wait = due - clock.getAsLong()) {
      sleeper.sleepNanos(wait);
      if (Thread.currentThread().isInterrupted()) {
        return false;
      }
    }
    return true;
  }
}
