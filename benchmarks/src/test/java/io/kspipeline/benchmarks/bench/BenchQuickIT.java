package io.kspipeline.benchmarks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.kspipeline.core.config.PipelineCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench --quick} runs end to end on the embedded broker and ends with the summary line of
 * the contract. Speed is never asserted: this is a smoke test of the harness, not a timed test.
 */
class BenchQuickIT {
  private static final String SUMMARY =
      "bench: P1=\\d+\\.\\d{2} P2=\\d+\\.\\d{2} P3=\\d+\\.\\d{2} P3F=\\d+\\.\\d{2}"
          + " P5_p99_ms=\\d+ P6=\\d+\\.\\d{2} P7_p99_ms=\\d+ parser_speedup=\\d+\\.\\d";
  private static final Pattern SCALING =
      Pattern.compile("bench: scaling local1=(\\d+) local2=(\\d+) ratio=(\\d+\\.\\d{2})");
  private static final Pattern COST =
      Pattern.compile("bench: cpu job=([a-z-]+) events=(\\d+) cpu_s_per_million=(\\d+\\.\\d)");

  @TempDir Path work;

  @Test
  void shouldRunEveryPhaseAndEndWithTheSummaryLine() {
    StringWriter out = new StringWriter();
    CommandLine bench = PipelineCommandLine.create(new BenchCommand());
    bench.setOut(new PrintWriter(out, true));

    long started = System.nanoTime();
    int exitCode = bench.execute("--quick", "--work-dir", work.toString());
    // The table, for whoever reads the test's output; never asserted on.
    System.out.println(out);
    System.out.printf("bench --quick took %.0f s%n", (System.nanoTime() - started) / 1e9);

    assertThat(exitCode).as(out.toString()).isZero();
    List<String> lines = out.toString().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines.get(lines.size() - 1)).matches(SUMMARY);
    assertThat(out.toString())
        .contains(
            "| P1 |",
            "| P2 |",
            "| P3 |",
            "| P3F |",
            "| P5 |",
            "| P6 |",
            "| P7 |",
            "| scaling |",
            "| flink |",
            "| top-urls-local1 |",
            "| top-urls-local2 |");
    assertScalingLine(lines.get(lines.size() - 2));
    // Quick measures the CPU per event of the two jobs P2 and P6 run, just before the scaling.
    assertCostLine(lines.get(lines.size() - 4), "top-urls");
    assertCostLine(lines.get(lines.size() - 3), "trending-hashtags");
  }

  private static void assertScalingLine(String line) {
    Matcher scaling = SCALING.matcher(line);
    assertThat(scaling.matches()).as(line).isTrue();
    double local1 = Double.parseDouble(scaling.group(1));
    double local2 = Double.parseDouble(scaling.group(2));
    assertThat(local1).as(line).isPositive();
    assertThat(Double.parseDouble(scaling.group(3)))
        .as(line)
        .isCloseTo(local2 / local1, within(0.01));
  }

  private static void assertCostLine(String line, String job) {
    Matcher cost = COST.matcher(line);
    assertThat(cost.matches()).as(line).isTrue();
    assertThat(cost.group(1)).isEqualTo(job);
    assertThat(Long.parseLong(cost.group(2))).as(line).isPositive();
    assertThat(Double.parseDouble(cost.group(3))).as(line).isPositive();
  }
}
