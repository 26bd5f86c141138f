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
}
