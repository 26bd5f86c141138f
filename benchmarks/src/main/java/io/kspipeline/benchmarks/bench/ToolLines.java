package io.kspipeline.benchmarks.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures in the output of Kafka's perf tools and of our producer. */
final class ToolLines {
  private static final Pattern RECORDS_PER_SEC = Pattern.compile("([0-9.]+) records/sec");

  private ToolLines() {}

  /** ProducerPerformance's final line: "N records sent, X records/sec (...), ...". */
  static double producerPerformanceRate(ChildResult child) {
    double rate = Double.NaN;
    for (String line : child.lines()) {
      Matcher m = RECORDS_PER_SEC.matcher(line);
      if (line.contains("records sent") && m.find()) {
        rate = Double.parseDouble(m.group(1));
      }
    }
    if (Double.isNaN(rate)) {
      throw new IllegalStateException("no ProducerPerformance summary in its output");
    }
    return rate;
  }

  /** ConsumerPerformance's CSV-like result: the named column of the line after the header. */
  static double consumerPerformance(ChildResult child, String column) {
    List<String> lines = child.lines();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).startsWith("start.time")) {
        String[] names = lines.get(i).split(",\\s*");
        String[] values = lines.get(i + 1).split(",\\s*");
        for (int c = 0; c < names.length && c < values.length; c++) {
          if (names[c].trim().equals(column)) {
            return Double.parseDouble(values[c].trim());
          }
        }
      }
    }
    throw new IllegalStateException("no " + column + " in ConsumerPerformance's output");
  }

  /** Our producer's "produce: ... read=N sent=N ... rate=R/s" line (rate at full precision). */
  record Produced(long read, long sent, double rate) {}

  static Produced produced(ChildResult child) {
    String line = child.requireLine("produce:");
    return new Produced(
        Long.parseLong(ProcessStats.field(line, "read")),
        Long.parseLong(ProcessStats.field(line, "sent")),
        Double.parseDouble(ProcessStats.field(line, "rate").replace("/s", "")));
  }
}
