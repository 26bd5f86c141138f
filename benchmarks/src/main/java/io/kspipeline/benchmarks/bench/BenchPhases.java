package io.kspipeline.benchmarks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kspipeline.producer.ProducerMain;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The phases of {@code bench}, back to back on one broker: each measures our component and its peer
 * on the same data, in child JVMs of their own so that CPU and peak RSS are per process.
 */
final class BenchPhases implements AutoCloseable {
  private static final String PRODUCER = ProducerMain.class.getName();
  private static final String JOB = JobRunMain.class.getName();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENTS_PER_SECOND = "1000";
  // More than the two cores of the larger run, so that neither run is bound by the task count.
  private static final int SCALING_PARTITIONS = 4;

  private final String bootstrap;
  private final String registry;
  private final Path work;
  private final Path logs;
  private final BenchSizes sizes;
  private final String run;
  private final String latencyTrigger;
  private final BenchReport report;
  private final PrintStream progress;
  private final boolean profile;
  private final Admin admin;

  // Carried from phase to phase: the backlog, top-urls' and trending-hashtags' steady states.
  private long accessLogsSent;
  private SustainedRun topUrls;
  private SustainedRun trending;

  BenchPhases(
      String bootstrap,
      Path work,
      BenchSizes sizes,
      String latencyTrigger,
      BenchReport report,
      PrintStream progress,
      boolean profile) {
    this.bootstrap = bootstrap;
    this.registry = "file://" + work.resolve("registry").toAbsolutePath();
    this.work = work;
    this.logs = work.resolve("logs");
    this.sizes = sizes;
    this.run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    this.latencyTrigger = latencyTrigger;
    this.report = report;
    this.progress = progress;
    this.profile = profile;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    this.admin = Admin.create(p);
  }

  private void say(String message) {
    progress.println("bench: " + message);
    progress.flush();
  }

  private ChildJvm jvm(String name, String heap, String main, Object... args) throws IOException {
    String[] text = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      text[i] = String.valueOf(args[i]);
    }
    return ChildJvm.start(name, logs, profile, heap, main, text);
  }

  /**
   * Our producer in its own JVM: {@code produce <kind> <source options>} into {@code topic}, dead
   * letters to {@code <topic>-dlq}, no progress output.
   */
  private ChildJvm producer(String name, String topic, Object... kindAndSource) throws IOException {
    List<Object> args = new ArrayList<>(List.of(kindAndSource));
    args.addAll(
        List.of(
            "--bootstrap",
            bootstrap,
            "--registry",
            registry,
            "--topic",
            topic,
            "--dlq-topic",
            topic + "-dlq",
            "--progress",
            "none"));
    return jvm(name, "512m", PRODUCER, args.toArray());
  }

  /**
   * A Structured job ({@link JobRunMain}) over a backlog with the available-now trigger, in batches
   * of the access-log backlog's batch size (a batch has a fixed cost, so per-event figures only
   * compare at equal batch sizes); its process row is reported. Dead letters go to {@code
   * <input>-dlq}, the checkpoint to {@code checkpoints/<process>}.
   *
   * @param options more of the job's options
   * @return its steady state, after the first batch
   */
  private SustainedRun overBacklog(
      String process, String job, String input, String output, Object... options) throws Exception {
    List<Object> args =
        new ArrayList<>(
            List.of(
                job,
                "--bootstrap",
                bootstrap,
                "--registry",
                registry,
                "--input-topic",
                input,
                "--dead-letter-topic",
                input + "-dlq",
                "--output-topic",
                output,
                "--checkpoint",
                work.resolve("checkpoints/" + process),
                "--trigger",
                "available-now",
                "--max-offsets-per-trigger",
                Math.max(1, accessLogsSent / sizes.batches())));
    args.addAll(List.of(options));
    ChildResult child = jvm(process, "1g", JOB, args.toArray()).await(1800);
    SustainedRun steady = SustainedRun.of(BatchProgress.of(child, job));
    report.process(child, steady.totalRows());
    return steady;
  }

  /** Topics exist before anyone writes: auto-created topics can race idempotent writes. */
  private void createTopics(int partitions, boolean appendTime, String... names)
      throws InterruptedException, ExecutionException {
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      NewTopic topic = new NewTopic(name, partitions, (short) 1);
      if (appendTime) {
        topic.configs(Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
      }
      topics.add(topic);
    }
    admin.createTopics(topics).all().get();
  }

  private String accessLogs() {
    return run + "-access-logs";
  }

  /** P1: our producer (lines parsed to Avro) vs ProducerPerformance, same size and settings. */
  void producer() throws Exception {
    long n = sizes.accessLogs();
    String topic = accessLogs();
    createTopics(2, false, topic, run + "-perf");
    createTopics(
        1,
        false,
        topic + "-dlq",
        topic + "-late",
        run + "-top-urls",
        run + "-streams",
        run + "-flink");
    // A file of real-format lines, written before the clock starts: the producer's work is to
    // read, parse, encode and send them, not to make them up.
    Path file = work.resolve("access.log");
    AccessLogFile.write(file, 42, n, Integer.parseInt(EVENTS_PER_SECOND));
    say("P1 our producer: " + n + " access-log lines from a file, parsed and sent as Avro");
    ChildResult ours =
        producer("our-producer", topic, "access-logs", "--file", file, "--key", "none").await(1200);
    ToolLines.Produced produced = ToolLines.produced(ours);
    accessLogsSent = produced.sent();
    int recordSize = RecordSize.meanAccessLogValueBytes(42, 5_000);
    say("P1 ProducerPerformance: " + n + " records of " + recordSize + " bytes");
    ChildResult perf =
        jvm(
                "producer-performance",
                "512m",
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                run + "-perf",
                "--num-records",
                n,
                "--record-size",
                recordSize,
                "--throughput",
                "-1",
                "--producer-props",
                "bootstrap.servers=" + bootstrap,
                // Our producer's settings (ProducerLauncher.producerConfig).
                "acks=all",
                "enable.idempotence=true",
                "compression.type=lz4",
                "linger.ms=10",
                "batch.size=131072")
            .await(1200);
    double perfRate = ToolLines.producerPerformanceRate(perf);
    report.p1 = produced.rate() / perfRate;
    report.compare(
        new BenchReport.Comparison(
            "P1",
            "producer records/s (" + recordSize + " B, acks=all, lz4, linger 10 ms, batch 128 KiB)",
            rate(produced.rate()),
            rate(perfRate) + " ProducerPerformance",
            ratio(report.p1),
            ">= 0.9",
            report.p1 >= 0.9));
    report.process(ours, produced.read());
    report.process(perf, n);
  }

  /** P2: top-urls over the backlog vs ConsumerPerformance reading the same topic. */
  void topUrlsThroughput() throws Exception {
    long n = accessLogsSent;
    say("P2 top-urls (available-now) over the " + n + "-record backlog");
    topUrls = overBacklog("top-urls", "top-urls", accessLogs(), run + "-top-urls");
    say("P2 ConsumerPerformance on the same topic");
    ChildResult consumer =
        jvm(
                "consumer-performance",
                "512m",
                "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server",
                bootstrap,
                "--topic",
                accessLogs(),
                "--messages",
                n,
                "--timeout",
                "60000")
            .await(600);
    double consumerRate = ToolLines.consumerPerformance(consumer, "fetch.nMsg.sec");
    report.p2 = topUrls.rate() / consumerRate;
    report.compare(
        new BenchReport.Comparison(
            "P2",
            "records/s over the backlog (top-urls after its first batch; consumer fetch phase)",
            rate(topUrls.rate()) + " top-urls",
            rate(consumerRate) + " ConsumerPerformance",
            ratio(report.p2),
            ">= 0.5",
            report.p2 >= 0.5));
    report.process(consumer, n);
  }

  /** P3: the same windowed count as a Kafka Streams topology, over the same topic. */
  void streamsPeer() throws Exception {
    long n = accessLogsSent;
    say("P3 Kafka Streams windowed count (30 s / 10 s) over the same backlog");
    ChildResult streams =
        jvm(
                "kafka-streams",
                "768m",
                StreamsWindowedCountMain.class.getName(),
                "--bootstrap",
                bootstrap,
                "--registry",
                registry,
                "--input-topic",
                accessLogs(),
                "--output-topic",
                run + "-streams",
                "--expect",
                n,
                "--state-dir",
                work.resolve("streams-state"))
            .await(1800);
    double streamsRate =
        ArrivalSpan.parse(streams.requireLine(StreamsWindowedCountMain.LINE)).rate();
    report.p3 = topUrls.rate() / streamsRate;
    report.compare(
        new BenchReport.Comparison(
            "P3",
            "windowed count records/s, 30 s / 10 s (first to last record counted)",
            rate(topUrls.rate()) + " top-urls",
            rate(streamsRate) + " Kafka Streams",
            ratio(report.p3),
            ">= 2",
            report.p3 >= 2));
    report.process(streams, n);
  }

  /** P3F: the same windowed count and top 10 as a Flink job, over the same topic. */
  void flinkPeer() throws Exception {
    long n = accessLogsSent;
    say("P3F Flink windowed count and top 10 (30 s / 10 s) over the same backlog");
    ChildResult flink =
        jvm(
                "flink",
                "1g",
                FlinkWindowedCountMain.class.getName(),
                "--bootstrap",
                bootstrap,
                "--registry",
                registry,
                "--input-topic",
                accessLogs(),
                "--output-topic",
                run + "-flink",
                "--expect",
                n)
            .await(1800);
    double flinkRate = ArrivalSpan.parse(flink.requireLine(FlinkWindowedCountMain.LINE)).rate();
    report.p3f = topUrls.rate() / flinkRate;
    report.compare(
        new BenchReport.Comparison(
            "P3F",
            "windowed count and top 10 records/s, 30 s / 10 s (first to last record counted)",
            rate(topUrls.rate()) + " top-urls",
            rate(flinkRate) + " Flink",
            ratio(report.p3f)));
    report.process(flink, n);
  }

  /** P6: trending-hashtags' CPU per event vs top-urls', both in their steady state. */
  void trendingCost() throws Exception {
    long n = sizes.tweets();
    String topic = run + "-tweets";
    createTopics(2, false, topic);
    createTopics(1, false, topic + "-dlq", topic + "-late", run + "-trending");
    say("P6 " + n + " generated tweets, then trending-hashtags (300 s / 1 s) over them");
    ChildResult producer =
        producer(
                "tweets-producer",
                topic,
                "tweets",
                "--generate",
                "--count",
                n,
                "--tweets-per-second",
                EVENTS_PER_SECOND)
            .await(1200);
    report.process(producer, ToolLines.produced(producer).sent());
    trending = overBacklog("trending-hashtags", "trending-hashtags", topic, run + "-trending");
    report.p6 = trending.cpuPerMillion() / topUrls.cpuPerMillion();
    report.compare(
        new BenchReport.Comparison(
            "P6",
            "CPU s per million events after the first batch (same event-time density and batch size)",
            String.format(
                Locale.ROOT,
                "%.1f trending-hashtags (%s)",
                trending.cpuPerMillion(),
                rate(trending.rate())),
            String.format(Locale.ROOT, "%.1f top-urls", topUrls.cpuPerMillion()),
            ratio(report.p6),
            "<= 2",
            report.p6 <= 2));
  }

  /**
   * Every Structured job's CPU per event over a backlog, measured as P6 is: top-urls and
   * trending-hashtags from P2 and P6; status-counts, action-counts and error-alerts (micro-batch)
   * run here, in the full run only.
   */
  void jobCosts() throws Exception {
    report.cost(new JobCost("top-urls", topUrls));
    report.cost(new JobCost("trending-hashtags", trending));
    if (!sizes.everyJobCost()) {
      report.note(
          "CPU per event of status-counts, action-counts and error-alerts: full run only (each"
              + " needs a Spark JVM of its own)");
      return;
    }
    createTopics(1, false, run + "-status", run + "-alerts-batch");
    say("CPU per event: status-counts over the access-log backlog");
    report.cost(
        new JobCost(
            "status-counts",
            overBacklog("status-counts", "status-counts", accessLogs(), run + "-status")));
    report.cost(new JobCost("action-counts", actionCountsRun()));
    say("CPU per event: error-alerts (micro-batch) over the access-log backlog");
    report.cost(
        new JobCost(
            "error-alerts",
            overBacklog("error-alerts", "error-alerts", accessLogs(), run + "-alerts-batch")));
  }

  /**
   * action-counts over our producer's generated web actions: as many as the access logs, at the
   * same density.
   */
  private SustainedRun actionCountsRun() throws Exception {
    String topic = run + "-web-actions";
    createTopics(2, false, topic);
    createTopics(1, false, topic + "-dlq", topic + "-late", run + "-action-counts");
    say("CPU per event: " + accessLogsSent + " web actions, then action-counts (1 h windows)");
    ChildResult producer =
        producer(
                "web-actions-producer",
                topic,
                "web-actions",
                "--generate",
                "--count",
                accessLogsSent,
                "--event-time-rate",
                EVENTS_PER_SECOND)
            .await(1200);
    report.process(producer, ToolLines.produced(producer).sent());
    return overBacklog("action-counts", "action-counts", topic, run + "-action-counts");
  }

  /**
   * top-urls over P2's backlog on one core, then on two, with the same shuffle partitions: the jobs
   * keep their state in shards spread over the shuffle tasks, so the rate should follow the cores.
   */
  void topUrlsScaling() throws Exception {
    say("scaling: top-urls over the same backlog with local[1], then local[2]");
    CoreScaling scaling = new CoreScaling(topUrlsOn(1), topUrlsOn(2));
    report.scaling = scaling;
    report.compare(
        new BenchReport.Comparison(
            "scaling",
            "top-urls scaling, local[1] → local[2] (records/s after the first batch, "
                + SCALING_PARTITIONS
                + " shuffle partitions)",
            rate(scaling.local2().rate()) + " local[2]",
            rate(scaling.local1().rate()) + " local[1]",
            ratio(scaling.ratio()),
            ">= " + CoreScaling.GOAL,
            scaling.met()));
  }

  private SustainedRun topUrlsOn(int cores) throws Exception {
    String name = "top-urls-local" + cores;
    createTopics(1, false, run + "-" + name);
    return overBacklog(
        name,
        "top-urls",
        accessLogs(),
        run + "-" + name,
        "--master",
        "local[" + cores + "]",
        "--spark-conf",
        "spark.sql.shuffle.partitions=" + SCALING_PARTITIONS);
  }

  /** P5: top-urls end to end at half its max rate: input append to result append. */
  void topUrlsLatency() throws Exception {
    String topic = run + "-latency";
    String output = topic + "-top";
    createTopics(2, true, topic);
    createTopics(1, true, output);
    createTopics(1, false, topic + "-dlq", topic + "-late");
    long rate = Math.max(100, Math.round(topUrls.rate() / 2));
    say("P5 top-urls (trigger " + latencyTrigger + ") fed at " + rate + " records/s, half its max");
    try (ChildJvm job =
        jvm(
            "top-urls-latency",
            "1g",
            JOB,
            "top-urls",
            "--bootstrap",
            bootstrap,
            "--registry",
            registry,
            "--input-topic",
            topic,
            "--dead-letter-topic",
            topic + "-dlq",
            "--output-topic",
            output,
            "--checkpoint",
            work.resolve("checkpoints/top-urls-latency"),
            "--trigger",
            latencyTrigger)) {
      job.awaitLine(l -> l.startsWith(JobProgressListener.PROGRESS + "query=top-urls "), 300);
      // Warm-up: the same load for a few seconds, read by the job before the measured run, so
      // that its first stateful batch (code generation, state store) is not what is measured.
      long warm =
          ToolLines.produced(produceAtRate("latency-warmup", topic, rate, sizes.warmupSeconds()))
              .sent();
      awaitConsumed(job, "top-urls", warm, 300);
      long from = System.currentTimeMillis();
      ChildResult producer = produceAtRate("latency-producer", topic, rate, sizes.latencySeconds());
      long sent = ToolLines.produced(producer).sent();
      awaitConsumed(job, "top-urls", warm + sent, 300);
      ChildResult result = job.stop();
      long[] latencies =
          BatchLatencies.of(
              TopicRecords.readTimestamps(bootstrap, topic),
              TopicRecords.readTimestamps(bootstrap, output),
              BatchProgress.of(result, "top-urls"),
              from);
      Percentiles p = Percentiles.of(latencies);
      report.p5p99 = p.p99();
      long goal = 10_000 + 1_000;
      report.compare(
          new BenchReport.Comparison(
              "P5",
              "top-urls latency ms at "
                  + rate
                  + " rec/s, trigger "
                  + latencyTrigger
                  + " (n="
                  + p.count()
                  + ")",
              "p50 " + p.p50() + " / p95 " + p.p95() + " / p99 " + p.p99(),
              "-",
              "p99 " + p.p99() + " ms",
              "p99 <= slide + 1 s = " + goal + " ms",
              p.count() > 0 && p.p99() <= goal));
      report.process(producer, sent);
      report.process(result, sent);
    }
  }

  /** P7: error-alerts with the continuous trigger: input append to alert append. */
  void alertsLatency() throws Exception {
    String topic = run + "-alerts-in";
    String output = run + "-alerts";
    // One input partition: a continuous query holds one task per partition for good.
    createTopics(1, true, topic, output);
    createTopics(1, false, topic + "-dlq");
    say("P7 error-alerts --continuous fed at " + sizes.alertsRate() + " records/s");
    try (ChildJvm job =
        jvm(
            "error-alerts-continuous",
            "1g",
            JOB,
            "error-alerts",
            "--bootstrap",
            bootstrap,
            "--registry",
            registry,
            "--input-topic",
            topic,
            "--dead-letter-topic",
            topic + "-dlq",
            "--output-topic",
            output,
            "--output-format",
            "json",
            "--continuous",
            "1s",
            "--master",
            "local[4]",
            "--checkpoint",
            work.resolve("checkpoints/error-alerts-continuous"))) {
      job.awaitLine(l -> l.startsWith(JobProgressListener.STARTED + "error-alerts"), 300);
      long from = System.currentTimeMillis() + sizes.warmupSeconds() * 1000L;
      ChildResult producer =
          produceAtRate("alerts-producer", topic, sizes.alertsRate(), sizes.alertsSeconds());
      long sent = ToolLines.produced(producer).sent();
      Thread.sleep(3_000); // the last alerts' way out
      ChildResult result = job.stop();
      Map<Long, Long> appended = new HashMap<>();
      for (TopicRecords.Appended in : TopicRecords.readTimestamps(bootstrap, topic)) {
        appended.put(in.offset(), in.timestamp());
      }
      List<Long> latencies = new ArrayList<>();
      for (TopicRecords.Appended alert : TopicRecords.readAll(bootstrap, output)) {
        JsonNode value = JSON.readTree(alert.value());
        Long in = appended.get(value.path("sourceOffset").asLong(-1));
        if (in != null && in >= from) {
          latencies.add(alert.timestamp() - in);
        }
      }
      Percentiles p = Percentiles.of(latencies.stream().mapToLong(Long::longValue).toArray());
      report.p7p99 = p.p99();
      report.compare(
          new BenchReport.Comparison(
              "P7",
              "error-alerts --continuous latency ms (n=" + p.count() + " alerts)",
              "p50 " + p.p50() + " / p95 " + p.p95() + " / p99 " + p.p99(),
              "-",
              "p99 " + p.p99() + " ms",
              "p99 <= 100 ms",
              p.count() > 0 && p.p99() <= 100));
      report.process(producer, sent);
      report.process(result, sent);
    }
  }

  private ChildResult produceAtRate(String name, String topic, long rate, int seconds)
      throws Exception {
    return producer(
            name,
            topic,
            "access-logs",
            "--generate",
            "--rate",
            rate,
            "--events-per-second",
            rate,
            "--duration",
            seconds + "s",
            "--key",
            "none")
        .await(seconds + 300L);
  }

  /** Waits until the job's batches have read every record sent. */
  private static void awaitConsumed(ChildJvm job, String query, long records, int seconds)
      throws InterruptedException {
    job.awaitLine(
        line -> {
          if (!line.startsWith(JobProgressListener.PROGRESS + "query=" + query + " ")) {
            return false;
          }
          long read =
              BatchProgress.parse(line).endOffsets().values().stream()
                  .mapToLong(Long::longValue)
                  .sum();
          return read >= records;
        },
        seconds);
  }

  private static String rate(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f/s", perSecond);
  }

  private static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  @Override
  public void close() {
    admin.close();
  }
}
