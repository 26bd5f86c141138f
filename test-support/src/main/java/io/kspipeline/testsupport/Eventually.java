package io.kspipeline.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for something a process or a background thread brings about (a line printed, a row written)
 * and fails naming what it waited for. Tests wait for outcomes, never for time to pass.
 */
public final class Eventually {
  private static final long POLL_MILLIS = 100;

  private Eventually() {}

  /**
   * Returns once {@code condition} holds; fails with "timed out after T waiting for WHAT".
   *
   * @param what the awaited outcome, as the failure message should name it
   */
  public static void eventually(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
