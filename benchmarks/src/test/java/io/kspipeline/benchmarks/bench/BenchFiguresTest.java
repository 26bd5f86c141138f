package io.kspipeline.benchmarks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic behind the table: batches, rates, latencies, the tools' output, CPU per event and
 * scaling.
 */
class BenchFiguresTest {
  private static BatchProgress batch(
      long id, long start, long end, long rows, long cpu, long... offsets) {
    Map<Integer, Long> ends = new java.util.HashMap<>();
    for (int p = 0; p < offsets.length; p++) {
      ends.put(p, offsets[p]);
    }
    return new BatchProgress("q", id, start, end, rows, cpu, ends);
  }

  @Test
  void shouldParseTheListenersLine() {
    BatchProgress b =
        BatchProgress.parse(
            "progress query=top-urls batch=3 start_ms=1000 end_ms=1500 rows=42 cpu_ms=7000"
                + " end_offsets={\"t\":{\"0\":10,\"1\":32}}");
    assertThat(b.query()).isEqualTo("top-urls");
    assertThat(b.batch()).isEqualTo(3);
    assertThat(b.rows()).isEqualTo(42);
    assertThat(b.endOffsets()).isEqualTo(Map.of(0, 10L, 1, 32L));
  }

  @Test
  void shouldLeaveTheFirstBatchWithDataOutOfTheSteadyState() {
    SustainedRun run =
        SustainedRun.of(
            List.of(
                batch(0, 0, 5_000, 100, 10_000),
                batch(1, 5_000, 6_000, 1_000, 11_000),
                batch(2, 6_000, 7_000, 1_000, 12_000),
                batch(3, 7_000, 7_010, 0, 12_010)));
    assertThat(run.rows()).isEqualTo(2_000);
    assertThat(run.totalRows()).isEqualTo(2_100);
    assertThat(run.rate()).isEqualTo(1_000.0);
    assertThat(run.cpuPerMillion()).isEqualTo(1_000.0); // 2 CPU s for 2,000 rows
  }

  @Test
  void shouldTimeEachInputRecordToTheResultOfTheBatchThatReadIt() {
    List<TopicRecords.Appended> inputs =
        List.of(
            new TopicRecords.Appended(0, 0, 100, null),
            new TopicRecords.Appended(0, 1, 900, null),
            new TopicRecords.Appended(0, 2, 1_200, null));
    List<TopicRecords.Appended> outputs =
        List.of(
            new TopicRecords.Appended(0, 0, 1_050, null),
            new TopicRecords.Appended(0, 1, 2_400, null));
    List<BatchProgress> batches =
        List.of(batch(0, 1_000, 1_100, 2, 0, 2), batch(1, 2_000, 2_500, 1, 0, 3));

    long[] latencies = BatchLatencies.of(inputs, outputs, batches, 0);

    assertThat(latencies).containsExactly(950, 150, 1_200);
    assertThat(Percentiles.of(latencies).p50()).isEqualTo(950);
    assertThat(Percentiles.of(latencies).p99()).isEqualTo(1_200);
  }

  @Test
  void shouldReadTheKafkaToolsOutput() {
    ChildResult producer =
        new ChildResult(
            "p",
            List.of(
                "50000 records sent, 9999.0 records/sec (1.00 MB/sec), 5.0 ms avg latency, 9.0 ms max latency.",
                "200000 records sent, 123456.7 records/sec (16.60 MB/sec), 3.10 ms avg latency,"
                    + " 120.00 ms max latency, 2 ms 50th, 9 ms 95th, 30 ms 99th, 90 ms 99.9th."),
            1,
            1,
            1);
    ChildResult consumer =
        new ChildResult(
            "c",
            List.of(
                "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
                    + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
                "2026-11-24 06:40:01:000, 2026-11-24 06:40:03:000, 28.0, 14.0, 200000, 100000.0,"
                    + " 500, 1500, 18.7, 133333.3"),
            1,
            1,
            1);
    assertThat(ToolLines.producerPerformanceRate(producer)).isEqualTo(123456.7);
    assertThat(ToolLines.consumerPerformance(consumer, "fetch.nMsg.sec")).isEqualTo(133333.3);
  }

  @Test
  void shouldRateAPeerFromItsFirstToItsLastArrival() {
    ArrivalSpan span =
        ArrivalSpan.parse("streams: records=99805 first_ms=1700000000000 last_ms=1700000004000");

    assertThat(span).isEqualTo(new ArrivalSpan(99_805, 1_700_000_000_000L, 1_700_000_004_000L));
    assertThat(span.rate()).isEqualTo(24_951.25);
    assertThat(span.line("flink:"))
        .isEqualTo("flink: records=99805 first_ms=1700000000000 last_ms=1700000004000");
    // One record, or all within the same millisecond: a span of 1 ms, not a division by zero.
    assertThat(new ArrivalSpan(5, 42, 42).rate()).isEqualTo(5_000.0);
  }

  @Test
  void shouldEndTheReportWithTheSummaryLineAndShowAComparisonWithoutAGoal() {
    BenchReport report = new BenchReport();
    report.p1 = 0.414;
    report.p2 = 0.046;
    report.p3 = 0.555;
    report.p3f = 0.2849;
    report.p5p99 = 11_740;
    report.p6 = 1.106;
    report.p7p99 = 361;
    report.parserSpeedup = 15.74;
    report.compare(
        new BenchReport.Comparison(
            "P3",
            "windowed count",
            "17,717/s top-urls",
            "31,856/s Kafka Streams",
            "0.56",
            ">= 2",
            false));
    report.compare(
        new BenchReport.Comparison(
            "P3F", "windowed count and top 10", "17,717/s top-urls", "62,165/s Flink", "0.28"));
    StringWriter text = new StringWriter();

    report.print(new PrintWriter(text));

    List<String> lines = text.toString().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines)
        .contains(
            "| P3 | windowed count | 17,717/s top-urls | 31,856/s Kafka Streams | 0.56 | >= 2 | NO |",
            "| P3F | windowed count and top 10 | 17,717/s top-urls | 62,165/s Flink | 0.28 | - | - |");
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo(
            "bench: P1=0.41 P2=0.05 P3=0.56 P3F=0.28 P5_p99_ms=11740 P6=1.11 P7_p99_ms=361"
                + " parser_speedup=15.7");
  }

  /** Four batches of a 99,805-record backlog, each {@code millis} long after a 5 s first one. */
  private static SustainedRun backlogRun(long millis, long cpuPerBatch) {
    return SustainedRun.of(
        List.of(
            batch(0, 0, 5_000, 25_000, 20_000),
            batch(1, 5_000, 5_000 + millis, 25_000, 20_000 + cpuPerBatch),
            batch(2, 5_000 + millis, 5_000 + 2 * millis, 25_000, 20_000 + 2 * cpuPerBatch),
            batch(3, 5_000 + 2 * millis, 5_000 + 3 * millis, 24_805, 20_000 + 3 * cpuPerBatch)));
  }

  @Test
  void shouldRateTheScalingFromBothRunsAfterTheirFirstBatch() {
    // 74,805 records after the first batch: in 12 s on one core, in 7.5 s on two.
    CoreScaling scaling = new CoreScaling(backlogRun(4_000, 4_000), backlogRun(2_500, 4_500));

    assertThat(scaling.local1().rate()).isEqualTo(6_233.75);
    assertThat(scaling.local2().rate()).isEqualTo(9_974.0);
    assertThat(scaling.ratio()).isCloseTo(1.6, within(1e-9));
    assertThat(scaling.met()).isFalse();
    assertThat(scaling.line()).isEqualTo("bench: scaling local1=6234 local2=9974 ratio=1.60");
    // 74,805 records in 6.6 s on two cores: 1.82 times the one-core rate.
    assertThat(new CoreScaling(backlogRun(4_000, 4_000), backlogRun(2_200, 4_400)).met()).isTrue();
  }

  @Test
  void shouldGiveAJobsCpuPerMillionEventsAfterItsFirstBatch() {
    // 12 CPU s over the 74,805 records after the first batch.
    JobCost cost = new JobCost("status-counts", backlogRun(4_000, 4_000));

    assertThat(cost.run().cpuPerMillion()).isCloseTo(160.417, within(0.001));
    assertThat(cost.line())
        .isEqualTo("bench: cpu job=status-counts events=74805 cpu_s_per_million=160.4");
  }

  @Test
  void shouldPrintTheJobCostsThenTheScalingJustBeforeTheSummaryLine() {
    BenchReport report = new BenchReport();
    report.cost(new JobCost("top-urls", backlogRun(4_000, 4_000)));
    report.cost(new JobCost("trending-hashtags", backlogRun(5_000, 6_000)));
    report.scaling = new CoreScaling(backlogRun(4_000, 4_000), backlogRun(2_200, 4_400));
    StringWriter text = new StringWriter();

    report.print(new PrintWriter(text));

    List<String> lines = text.toString().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines)
        .contains(
            "| job | events after the first batch | CPU s | CPU s per million events |",
            "| top-urls | 74805 | 12.0 | 160.4 |",
            "| trending-hashtags | 74805 | 18.0 | 240.6 |");
    assertThat(lines.subList(lines.size() - 4, lines.size() - 1))
        .containsExactly(
            "bench: cpu job=top-urls events=74805 cpu_s_per_million=160.4",
            "bench: cpu job=trending-hashtags events=74805 cpu_s_per_million=240.6",
            "bench: scaling local1=6234 local2=11334 ratio=1.82");
    assertThat(lines.get(lines.size() - 1)).startsWith("bench: P1=NaN ");
  }
}
