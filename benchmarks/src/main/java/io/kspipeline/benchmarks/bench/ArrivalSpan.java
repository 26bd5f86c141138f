package io.kspipeline.benchmarks.bench;

import java.util.Locale;

/**
 * How many records reached a peer's aggregation, and when the first and the last did (epoch ms).
 * Each peer prints it as one line at the end of its run; the bench reads the peer's rate from it.
 */
record ArrivalSpan(long records, long firstMillis, long lastMillis) {

  /** {@code <prefix> records=N first_ms=T last_ms=T} */
  String line(String prefix) {
    return String.format(
        Locale.ROOT,
        "%s records=%d first_ms=%d last_ms=%d",
        prefix,
        records,
        firstMillis,
        lastMillis);
  }

  static ArrivalSpan parse(String line) {
    return new ArrivalSpan(
        Long.parseLong(ProcessStats.field(line, "records")),
        Long.parseLong(ProcessStats.field(line, "first_ms")),
        Long.parseLong(ProcessStats.field(line, "last_ms")));
  }

  /** Records per second from the first arrival to the last (a span under 1 ms counts as 1 ms). */
  double rate() {
    return records / (Math.max(lastMillis - firstMillis, 1) / 1000.0);
  }
}
