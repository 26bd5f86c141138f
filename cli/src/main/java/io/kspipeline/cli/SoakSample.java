package io.kspipeline.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample of a soak: the JVM's memory, and per job its state size, batch time p99 over the
 * interval and lag.
 *
 * @param seconds since the jobs started
 * @param heapAfterGcMb heap in use after the latest collection of each heap pool
 * @param rssMb resident memory of the process (jobs, producers and embedded broker alike)
 * @param stateKb per Structured job, its state stores' memory
 * @param batchP99Ms per job, the p99 of the batches completed in the interval
 * @param lag per job, records of its input not yet processed
 */
record SoakSample(
    long seconds,
    long heapAfterGcMb,
    long rssMb,
    Map<String, Long> stateKb,
    Map<String, Long> batchP99Ms,
    Map<String, Long> lag) {

  /** The sample as named series, e.g. {@code heap_after_gc_mb} or {@code lag[top-urls]}. */
  Map<String, Long> series() {
    Map<String, Long> all = new LinkedHashMap<>();
    all.put("heap_after_gc_mb", heapAfterGcMb);
    all.put("rss_mb", rssMb);
    stateKb.forEach((job, kb) -> all.put("state_kb[" + job + "]", kb));
    batchP99Ms.forEach((job, ms) -> all.put("batch_p99_ms[" + job + "]", ms));
    lag.forEach((job, records) -> all.put("lag[" + job + "]", records));
    return all;
  }

  /** One line: {@code soak: t=60s heap_after_gc_mb=210 rss_mb=1500 state_kb[top-urls]=12 ...}. */
  String line() {
    StringBuilder b = new StringBuilder("soak: t=").append(seconds).append('s');
    series().forEach((name, value) -> b.append(' ').append(name).append('=').append(value));
    return b.toString();
  }
}
