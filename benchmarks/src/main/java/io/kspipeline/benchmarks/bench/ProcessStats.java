package io.kspipeline.benchmarks.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** CPU time and peak resident memory of this JVM, as one parseable line. */
public final class ProcessStats {
  static final String PREFIX = "measured:";

  private ProcessStats() {}

  /** CPU time (user + system, all threads) this process used so far. */
  public static long cpuMillis() {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime() / 1_000_000;
  }

  /** VmHWM: the high-water mark of the resident set, or -1 where /proc is missing. */
  public static long peakRssKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: no peak RSS
    }
    return -1;
  }

  /**
   * CPU milliseconds and VmHWM of another live process from /proc ({@code {-1, -1}} elsewhere);
   * utime and stime are in clock ticks, 100 per second on Linux.
   */
  static long[] ofLiveProcess(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // Fields after the command name (which may hold spaces) start at state, field 3.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      long rss = -1;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new long[] {ticks * 10, rss};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }

  /** The 1-minute load average, or NaN: how busy the machine was around a figure. */
  static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static String line() {
    return String.format(
        Locale.ROOT, "%s cpu_ms=%d peak_rss_kb=%d", PREFIX, cpuMillis(), peakRssKb());
  }

  /** The figures of a {@link #line()} printed by a child, if this is one. */
  static Optional<long[]> parse(String line) {
    if (!line.startsWith(PREFIX)) {
      return Optional.empty();
    }
    long cpu = Long.parseLong(field(line, "cpu_ms"));
    long rss = Long.parseLong(field(line, "peak_rss_kb"));
    return Optional.of(new long[] {cpu, rss});
  }

  /** The value of {@code name=value} in a line of such pairs. */
  static String field(String line, String name) {
    for (String token : line.split("\\s+")) {
      if (token.startsWith(name + "=")) {
        return token.substring(name.length() + 1);
      }
    }
    throw new IllegalArgumentException("no " + name + " in: " + line);
  }
}
