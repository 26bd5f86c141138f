package io.kspipeline.benchmarks.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one bench run: the comparisons, the jobs' CPU per event, the processes, and the
 * summary line.
 */
final class BenchReport {
  /**
   * One goal: our figure, the peer's, and the ratio or value the goal is set on; {@code met} is
   * null for a comparison shown without a goal.
   */
  record Comparison(
      String id, String what, String ours, String peer, String value, String goal, Boolean met) {
    /** A comparison without a goal, for reference. */
    Comparison(String id, String what, String ours, String peer, String value) {
      this(id, what, ours, peer, value, "-", null);
    }
  }

  /** One process: what it handled and what it cost. */
  record ProcessRow(
      String process, long events, double wallSeconds, double cpuSeconds, double peakRssMb) {
    double cpuPerMillion() {
      return events <= 0 ? Double.NaN : cpuSeconds / events * 1e6;
    }
  }

  private final List<Comparison> comparisons = new ArrayList<>();
  private final List<ProcessRow> processes = new ArrayList<>();
  private final List<JobCost> costs = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  double p1 = Double.NaN;
  double p2 = Double.NaN;
  double p3 = Double.NaN;
  double p3f = Double.NaN;
  long p5p99 = -1;
  double p6 = Double.NaN;
  long p7p99 = -1;
  double parserSpeedup = Double.NaN;
  CoreScaling scaling;

  void compare(Comparison c) {
    comparisons.add(c);
  }

  void cost(JobCost cost) {
    costs.add(cost);
  }

  void process(ChildResult child, long events) {
    processes.add(
        new ProcessRow(
            child.name(), events, child.wallSeconds(), child.cpuSeconds(), child.peakRssMb()));
  }

  void process(ProcessRow row) {
    processes.add(row);
  }

  void note(String note) {
    notes.add(note);
  }

  void print(PrintWriter out) {
    out.println();
    out.println("| id | measure | ours | peer | result | goal | met |");
    out.println("|---|---|---|---|---|---|---|");
    for (Comparison c : comparisons) {
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s |%n",
          c.id(),
          c.what(),
          c.ours(),
          c.peer(),
          c.value(),
          c.goal(),
          c.met() == null ? "-" : c.met() ? "yes" : "NO");
    }
    printCosts(out);
    out.println();
    out.println("| process | events | wall s | CPU s | CPU s / M events | peak RSS MiB |");
    out.println("|---|---|---|---|---|---|");
    for (ProcessRow p : processes) {
      out.printf(
          Locale.ROOT,
          "| %s | %d | %.1f | %.1f | %.1f | %.0f |%n",
          p.process(),
          p.events(),
          p.wallSeconds(),
          p.cpuSeconds(),
          p.cpuPerMillion(),
          p.peakRssMb());
    }
    if (!notes.isEmpty()) {
      out.println();
      notes.forEach(n -> out.println("- " + n));
    }
    // Before the summary line, which stays the last one (its format is the contract).
    out.println();
    costs.forEach(c -> out.println(c.line()));
    if (scaling != null) {
      out.println(scaling.line());
    }
    out.println(summaryLine());
    out.flush();
  }

  /** Each job's CPU per event, if any was measured. */
  private void printCosts(PrintWriter out) {
    if (costs.isEmpty()) {
      return;
    }
    out.println();
    out.println("| job | events after the first batch | CPU s | CPU s per million events |");
    out.println("|---|---|---|---|");
    for (JobCost c : costs) {
      out.printf(
          Locale.ROOT,
          "| %s | %d | %.1f | %.1f |%n",
          c.job(),
          c.run().rows(),
          c.run().cpuSeconds(),
          c.run().cpuPerMillion());
    }
  }

  String summaryLine() {
    return String.format(
        Locale.ROOT,
        "bench: P1=%.2f P2=%.2f P3=%.2f P3F=%.2f P5_p99_ms=%d P6=%.2f P7_p99_ms=%d"
            + " parser_speedup=%.1f",
        p1,
        p2,
        p3,
        p3f,
        p5p99,
        p6,
        p7p99,
        parserSpeedup);
  }
}
