package io.kspipeline.benchmarks.bench;

import io.kspipeline.embedded.BrokerConfig;
import io.kspipeline.embedded.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: our components against their peers, on one broker, in one run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measures the pipeline against peers on the same machine in the same run, back to back on"
          + " the same data, and prints a table and one summary line:",
      "  P1 our access-log producer vs ProducerPerformance, same record size and settings",
      "  P2 top-urls over a backlog vs ConsumerPerformance on the same topic",
      "  P3 top-urls vs the same windowed count as a Kafka Streams topology",
      "  P3F top-urls vs the same windowed count and top 10 as a Flink job (local MiniCluster)",
      "  P5 top-urls end-to-end latency at half its max rate",
      "  P6 trending-hashtags CPU per event vs top-urls",
      "  P7 error-alerts --continuous end-to-end latency",
      "  scaling: top-urls over P2's backlog with local[1], then local[2] (4 shuffle partitions)",
      "  CPU per event of every Structured job: top-urls and trending-hashtags from P2 and P6;"
          + " status-counts, action-counts and error-alerts (micro-batch) in the full run only",
      "  parser: our access-log parser vs a java.util.regex one (JMH)",
      "Ratios are ours / peer (P6: trending / top-urls cost). Every process is a JVM of its own;"
          + " the table gives its CPU seconds per million events and peak RSS. Logs and data stay"
          + " in the work directory."
    },
    footer = {
      "",
      "Last lines: one per job measured, then the scaling, then the summary line:",
      "  bench: cpu job=<name> events=<n> cpu_s_per_million=<x>",
      "  bench: scaling local1=<rec/s> local2=<rec/s> ratio=<r>",
      "  bench: P1=<r> P2=<r> P3=<r> P3F=<r> P5_p99_ms=<ms> P6=<r> P7_p99_ms=<ms>"
          + " parser_speedup=<x>",
      "",
      "Examples:",
      "  pipeline bench --quick",
      "  pipeline bench --bootstrap kafka:9092 --work-dir /tmp/bench"
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--quick",
      description =
          "Small backlogs and short runs (a few minutes on two cores); CPU per event of top-urls"
              + " and trending-hashtags only.")
  boolean quick;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT[,...]",
      description = "Use this Kafka cluster (default: an embedded broker in this JVM).")
  String bootstrap;

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description = "Logs of every process, checkpoints, registry (default: a new temp directory).")
  Path workDir;

  @Option(
      names = "--latency-trigger",
      defaultValue = "10s",
      description = "top-urls' trigger in P5, as the job's default (default: ${DEFAULT-VALUE}).")
  String latencyTrigger;

  @Option(
      names = "--profile",
      description =
          "Record every child JVM with Java Flight Recorder (<work-dir>/logs/<process>.jfr) and"
              + " print each one's hottest methods; figures then include the recorder's cost.")
  boolean profile;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = workDir != null ? workDir : Files.createTempDirectory("pipeline-bench-");
    Files.createDirectories(work.resolve("logs"));
    BenchSizes sizes = quick ? BenchSizes.QUICK : BenchSizes.FULL;
    BenchReport report = new BenchReport();
    long started = System.nanoTime();
    double loadAtStart = ProcessStats.loadAverage();
    System.err.println("bench: " + (quick ? "quick" : "full") + " run, logs in " + work);
    ParserSpeedup parser = ParserSpeedup.measure(quick, work.resolve("logs/jmh-parser.log"));
    report.parserSpeedup = parser.speedup();
    report.compare(
        new BenchReport.Comparison(
            "parser",
            "ns per combined-format line (JMH)",
            String.format(java.util.Locale.ROOT, "%.0f ns hand-written", parser.handNanos()),
            String.format(java.util.Locale.ROOT, "%.0f ns java.util.regex", parser.regexNanos()),
            String.format(java.util.Locale.ROOT, "%.1fx", parser.speedup()),
            ">= 5x",
            parser.speedup() >= 5));
    try (EmbeddedKafkaBroker broker =
            bootstrap == null
                ? EmbeddedKafkaBroker.start(BrokerConfig.onFreePorts(work.resolve("kafka")))
                : null;
        BenchPhases phases =
            new BenchPhases(
                broker != null ? broker.bootstrapServers() : bootstrap,
                work,
                sizes,
                latencyTrigger,
                report,
                System.err,
                profile)) {
      phases.producer();
      phases.topUrlsThroughput();
      phases.streamsPeer();
      phases.flinkPeer();
      phases.trendingCost();
      phases.jobCosts();
      phases.topUrlsScaling();
      phases.topUrlsLatency();
      phases.alertsLatency();
    }
    double wall = (System.nanoTime() - started) / 1e9;
    report.process(
        new BenchReport.ProcessRow(
            bootstrap == null ? "bench (orchestrator + embedded broker)" : "bench (orchestrator)",
            -1,
            wall,
            ProcessStats.cpuMillis() / 1000.0,
            ProcessStats.peakRssKb() / 1024.0));
    report.note(
        String.format(
            java.util.Locale.ROOT,
            "%s run in %.0f s on %d cores (%s, Java %s); work directory %s",
            quick ? "quick" : "full",
            wall,
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            System.getProperty("java.version"),
            work));
    report.note(
        String.format(
            java.util.Locale.ROOT,
            "load average (1 min) %.1f at the start, %.1f at the end: figures are only comparable"
                + " within one run",
            loadAtStart,
            ProcessStats.loadAverage()));
    report.note(
        "JVM arguments of the bench: "
            + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())
                .replaceAll("--add-opens=\\S+\\s*", "")
                .trim());
    if (profile) {
      // Before the table: the summary line stays the last one.
      printProfiles(work.resolve("logs"), out);
    }
    report.print(out);
    return 0;
  }

  /** Each child's hottest methods, and where in our code or the engines they were reached. */
  private static void printProfiles(Path logs, PrintWriter out) throws java.io.IOException {
    try (var recordings = Files.list(logs)) {
      for (Path jfr : recordings.filter(p -> p.toString().endsWith(".jfr")).sorted().toList()) {
        out.println();
        HotMethods.summarize(
                jfr,
                12,
                "io.kspipeline.",
                "org.apache.spark.sql.catalyst.expressions.GeneratedClass")
            .forEach(out::println);
      }
    }
    out.flush();
  }
}
