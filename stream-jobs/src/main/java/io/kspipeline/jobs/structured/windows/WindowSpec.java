package io.kspipeline.jobs.structured.windows;

import java.io.Serializable;
import java.time.Duration;

/** Event-time windows of a length, starting every slide (tumbling when they are equal). */
public record WindowSpec(Duration length, Duration slide) implements Serializable {
  public WindowSpec {
    if (length.isNegative() || length.isZero() || slide.isNegative() || slide.isZero()) {
      throw new IllegalArgumentException("window and slide must be positive");
    }
    if (length.toMillis() % slide.toMillis() != 0) {
      throw new IllegalArgumentException(
          "the window (" + length + ") must be a whole number of slides (" + slide + ")");
    }
  }

  long lengthMillis() {
    return length.toMillis();
  }

  long slideMillis() {
    return slide.toMillis();
  }

  /** Start of the last (latest-starting) window that contains the time. */
  long lastWindowStart(long eventMillis) {
    return Math.floorDiv(eventMillis, slideMillis()) * slideMillis();
  }

  /**
   * Start of the earliest window still open at the watermark: window ends are multiples of the
   * slide, and a window whose end is at or behind the watermark is closed.
   */
  long firstOpenStart(long watermarkMillis) {
    return Math.floorDiv(watermarkMillis, slideMillis()) * slideMillis()
        + slideMillis()
        - lengthMillis();
  }

  /** Whether every window that holds the time has closed at the watermark: a late record. */
  boolean allClosed(long eventMillis, long watermarkMillis) {
    return lastWindowStart(eventMillis) < firstOpenStart(watermarkMillis);
  }
}
