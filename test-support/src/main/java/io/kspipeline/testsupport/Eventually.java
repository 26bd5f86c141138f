package io.kspipeline.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

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
    eventually(() -> what, timeout, condition);
  }

  /**
   * As {@link #eventually(String, Duration, BooleanSupplier)}, the outcome described when it fails:
   * so the message can show what was there instead (the rows so far, a log's tail).
   */
  public static void eventually(
      Supplier<String> what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what.get(), e);
      }
    }
  }
}
