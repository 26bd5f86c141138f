package io.kspipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/** Samples a running demo every interval for {@code verify --soak}, printing each sample. */
final class SoakSampler implements DemoObserver {
  private final Duration every;
  private final PrintWriter out;
  private final List<SoakSample> samples = new ArrayList<>();
  private long started = -1;
  private long next;

  SoakSampler(Duration every, PrintWriter out) {
    this.every = every;
    this.out = out;
  }

  @Override
  public void refreshed(SparkSession spark, List<StreamingQuery> queries, DemoJobStats stats)
      throws IOException {
    long now = System.nanoTime();
    if (started < 0) {
      started = now;
      next = now + every.toNanos();
      stats.batchP99SinceLastCall(); // intervals start with the run
      return;
    }
    if (now < next) {
      return;
    }
    next += every.toNanos();
    SoakSample sample =
        new SoakSample(
            Duration.ofNanos(now - started).toSeconds(),
            heapAfterGcMb(),
            rssMb(),
            stateKb(queries),
            stats.batchP99SinceLastCall(),
            stats.lags());
    samples.add(sample);
    out.println(sample.line());
    out.flush();
  }

  /** The samples taken from {@code warmUp} on. */
  List<SoakSample> after(Duration warmUp) {
    return samples.stream().filter(s -> s.seconds() >= warmUp.toSeconds()).toList();
  }

  List<SoakSample> samples() {
    return List.copyOf(samples);
  }

  /**
   * Heap in use right after each heap pool's latest collection: what survives, without forcing a
   * collection that would disturb the jobs' batch times.
   */
  static long heapAfterGcMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      MemoryUsage afterGc = pool.getCollectionUsage();
      if (pool.getType() == MemoryType.HEAP && afterGc != null) {
        bytes += afterGc.getUsed();
      }
    }
    return bytes >> 20;
  }

  /** This process's resident set (Linux); -1 where /proc is not there. */
  static long rssMb() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return -1;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) >> 10;
      }
    }
    return -1;
  }

  /** Each Structured job's state stores in memory, from its query's latest progress. */
  private static Map<String, Long> stateKb(List<StreamingQuery> queries) {
    Map<String, Long> kb = new LinkedHashMap<>();
    for (StreamingQuery query : queries) {
      StreamingQueryProgress progress = query.lastProgress();
      if (progress == null || progress.stateOperators().length == 0) {
        continue;
      }
      long bytes = 0;
      for (StateOperatorProgress operator : progress.stateOperators()) {
        bytes += operator.memoryUsedBytes();
      }
      kb.put(query.name(), bytes >> 10);
    }
    return kb;
  }
}
