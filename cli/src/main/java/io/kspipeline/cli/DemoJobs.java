package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.dstream.DStreamOptions;
import io.kspipeline.jobs.dstream.ErrorLinesCommand;
import io.kspipeline.jobs.dstream.HashtagCountsCommand;
import io.kspipeline.jobs.dstream.PopularHashtagsCommand;
import io.kspipeline.jobs.dstream.StreamingContexts;
import io.kspipeline.jobs.structured.ActionCountsCommand;
import io.kspipeline.jobs.structured.ErrorAlertsCommand;
import io.kspipeline.jobs.structured.StatusCountsCommand;
import io.kspipeline.jobs.structured.TopUrlsCommand;
import io.kspipeline.jobs.structured.TrendingHashtagsCommand;
import io.kspipeline.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.InputDStream;

/**
 * Every job of the catalog on one local Spark: the Structured ones as queries of one session, the
 * DStream ones as graphs of one streaming context (a JVM has one), each with its own checkpoint.
 */
final class DemoJobs {
  /**
   * error-lines keeps the server errors of the access-log events (--server-errors): the demo
   * produces events, not raw lines.
   */
  private static final JobSpec ERROR_LINES = JobCatalog.ERROR_LINES.reading(Topics.ACCESS_LOGS);

  /**
   * The jobs as the demo runs them, the catalog's in its order: what it creates topics for, starts,
   * shows and summarises.
   */
  static final List<JobSpec> JOBS =
      JobCatalog.all().stream()
          .map(job -> job.equals(JobCatalog.ERROR_LINES) ? ERROR_LINES : job)
          .toList();

  /** The checkpoint (under the demo's) of the DStream jobs' one streaming context. */
  static final String DSTREAM_CHECKPOINT = "dstream-jobs";

  /** The fair scheduler pool of the DStream jobs (one streaming context: one pool). */
  static final String DSTREAM_POOL = "dstream-jobs";

  /**
   * How often the Structured jobs run a micro-batch in the live demo. Each batch costs about a
   * second of driver time (planning, code generation) whatever its size; every 5 s leaves the two
   * cores to the DStream jobs' 1 s batches and still shows a window's results within seconds.
   * error-alerts, a third reader of access-logs (stateless: a later batch loses no alert), and
   * action-counts, whose windows are an hour long, run every 10 s: no job of the demo is more than
   * that behind its input.
   */
  static final String STRUCTURED_TRIGGER = "5s";

  private static final Map<JobSpec, String> SLOWER_TRIGGERS =
      Map.of(JobCatalog.ERROR_ALERTS, "10s", JobCatalog.ACTION_COUNTS, "10s");

  /** action-counts' window: the hour of the seed's JSON example, as the job has by default. */
  static final Duration ACTION_WINDOW = Duration.ofHours(1);

  /**
   * DStream batch interval, and popular-hashtags' slide: every 2 s rather than the seed's 1 s. Each
   * batch has a fixed cost on the driver, and at 1 s the three DStream jobs fell behind on 2 cores
   * beside the five Structured ones (`bin/pipeline job popular-hashtags` keeps the 1 s slide).
   */
  static final Duration BATCH = Duration.ofSeconds(2);

  private final DemoSettings settings;
  private final String bootstrap;

  DemoJobs(DemoSettings settings, String bootstrap) {
    this.settings = settings;
    this.bootstrap = bootstrap;
  }

  /** Starts the Structured jobs for the live demo, each on its interval. */
  List<StreamingQuery> startLive(SparkSession spark) throws Exception {
    return startStructured(spark, DemoJobs::liveTrigger);
  }

  /** A Structured job's interval in the live demo ({@link #STRUCTURED_TRIGGER}). */
  static String liveTrigger(JobSpec job) {
    return SLOWER_TRIGGERS.getOrDefault(job, STRUCTURED_TRIGGER);
  }

  /** Starts the Structured jobs to process what their inputs hold, then stop. */
  List<StreamingQuery> startAvailableNow(SparkSession spark) throws Exception {
    return startStructured(spark, job -> "available-now");
  }

  /**
   * Starts the Structured jobs: status-counts, top-urls, action-counts, trending-hashtags and
   * error-alerts, each query named after its job.
   *
   * @param triggers each job's trigger: an interval, or available-now
   */
  private List<StreamingQuery> startStructured(
      SparkSession spark, Function<JobSpec, String> triggers) throws Exception {
    List<StreamingQuery> queries = new ArrayList<>();
    schedulerPool(spark, JobCatalog.STATUS_COUNTS.name());
    queries.addAll(
        arguments(JobCatalog.STATUS_COUNTS, triggers)
            .build()
            .configure(new StatusCountsCommand())
            .start(spark));
    schedulerPool(spark, JobCatalog.TOP_URLS.name());
    queries.addAll(
        arguments(JobCatalog.TOP_URLS, triggers)
            .option("--watermark", settings.watermark())
            .build()
            .configure(new TopUrlsCommand())
            .start(spark));
    schedulerPool(spark, JobCatalog.ACTION_COUNTS.name());
    queries.addAll(
        arguments(JobCatalog.ACTION_COUNTS, triggers)
            .option("--window", ACTION_WINDOW)
            .option("--watermark", settings.watermark())
            .build()
            .configure(new ActionCountsCommand())
            .start(spark));
    schedulerPool(spark, JobCatalog.TRENDING_HASHTAGS.name());
    queries.addAll(
        arguments(JobCatalog.TRENDING_HASHTAGS, triggers)
            .option("--window", Duration.ofSeconds(300))
            .option("--slide", Duration.ofSeconds(1))
            .option("--watermark", settings.watermark())
            .option("--top", 10)
            .build()
            .configure(new TrendingHashtagsCommand())
            .start(spark));
    // Server errors as alerts, in micro-batches.
    schedulerPool(spark, JobCatalog.ERROR_ALERTS.name());
    queries.addAll(
        arguments(JobCatalog.ERROR_ALERTS, triggers)
            .flag("--server-errors")
            .build()
            .configure(new ErrorAlertsCommand())
            .start(spark));
    return startedEveryStructuredJob(queries);
  }

  /** The queries, once sure they are those of every Structured job the demo declares. */
  private static List<StreamingQuery> startedEveryStructuredJob(List<StreamingQuery> queries) {
    List<String> started = queries.stream().map(StreamingQuery::name).sorted().toList();
    List<String> declared =
        JOBS.stream().filter(j -> j.api() == Api.STRUCTURED).map(JobSpec::name).sorted().toList();
    if (!started.equals(declared)) {
      throw new IllegalStateException(
          "the demo started the Structured jobs " + started + ", not " + declared);
    }
    return queries;
  }

  /**
   * error-lines (server errors), popular-hashtags and hashtag-counts in one context; not started
   * (start it from this thread: it runs in the scheduler pool set here).
   */
  JavaStreamingContext dstreamContext(SparkSession spark) throws Exception {
    schedulerPool(spark, DSTREAM_POOL); // taken by the context when this thread starts it
    DStreamOptions dstream = DStreamOptions.of(BATCH);
    ErrorLinesCommand errorLines =
        dstreamArguments(ERROR_LINES)
            .flag("--server-errors")
            .build()
            .configure(new ErrorLinesCommand());
    PopularHashtagsCommand popular =
        dstreamArguments(JobCatalog.POPULAR_HASHTAGS)
            .option("--window", Duration.ofSeconds(300))
            .option("--slide", BATCH)
            .option("--top", 10)
            .build()
            .configure(new PopularHashtagsCommand());
    HashtagCountsCommand totals =
        dstreamArguments(JobCatalog.HASHTAG_COUNTS).build().configure(new HashtagCountsCommand());
    StreamingContexts.Graph errorLinesGraph = errorLines.graph();
    StreamingContexts.Graph popularGraph = popular.graph();
    StreamingContexts.Graph totalsGraph = totals.graph();
    return StreamingContexts.getOrCreate(
        settings.checkpoint(DSTREAM_CHECKPOINT),
        spark.sparkContext().getConf(),
        dstream,
        // One checkpoint holds the three graphs: each one's options, under its job's name.
        CheckpointOptions.combined(
            DSTREAM_CHECKPOINT,
            List.of(
                errorLines.checkpointOptions(),
                popular.checkpointOptions(),
                totals.checkpointOptions())),
        (ssc, start) -> {
          errorLinesGraph.build(ssc, start);
          popularGraph.build(ssc, start);
          totalsGraph.build(ssc, start);
        });
  }

  /**
   * The job of each input stream of the context: its graphs each read one input stream, created in
   * the order {@link #dstreamContext} builds them, and a restored context keeps their ids.
   */
  static Map<Integer, String> dstreamJobsByInputStream(JavaStreamingContext ssc) {
    List<String> inBuildOrder =
        List.of(
            ERROR_LINES.name(),
            JobCatalog.POPULAR_HASHTAGS.name(),
            JobCatalog.HASHTAG_COUNTS.name());
    List<Integer> ids =
        Arrays.stream(ssc.ssc().graph().getInputStreams()).map(InputDStream::id).sorted().toList();
    if (ids.size() != inBuildOrder.size()) {
      throw new IllegalStateException(
          "the DStream jobs' context has " + ids.size() + " input streams, expected 3");
    }
    Map<Integer, String> jobs = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      jobs.put(ids.get(i), inBuildOrder.get(i));
    }
    return jobs;
  }

  /**
   * Twice as many task slots as cores, and one shuffle partition per core (unless set with {@code
   * -Dspark.master} or {@code -Dspark.sql.shuffle.partitions}). The DStream jobs' batches are small
   * tasks due every second; with one slot per core they wait for a Structured job's task to end, up
   * to seconds each, and at ten times the demo's rates fell a minute behind. With spare slots they
   * start at once and share the cores with the running tasks: measured on 2 cores at ten times the
   * rates, the DStream jobs' lag at the stop went from 54 s to 3 s (docs).
   */
  static Map<String, String> taskSlots(Properties system, int cores) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (system.getProperty("spark.master") == null) {
      settings.put("spark.master", "local[" + 2 * cores + "]");
    }
    if (system.getProperty("spark.sql.shuffle.partitions") == null) {
      settings.put("spark.sql.shuffle.partitions", String.valueOf(Math.max(2, cores)));
    }
    return settings;
  }

  /**
   * The fair scheduler's pools file: the DStream jobs' pool gets a core whenever it has tasks
   * (minShare) and twice the others' share beyond, so their 1 s batches are not queued behind the
   * Structured jobs' larger ones. The Structured jobs' pools, one per job, are not named here:
   * Spark's defaults (weight 1).
   */
  static Path writeSchedulerPools(Path workDir) throws IOException {
    Path file = workDir.resolve("fair-scheduler.xml");
    Files.writeString(
        file,
        "<?xml version=\"1.0\"?>\n<allocations>\n  <pool name=\""
            + DSTREAM_POOL
            + "\">\n    <schedulingMode>FIFO</schedulingMode>\n    <weight>2</weight>\n"
            + "    <minShare>1</minShare>\n  </pool>\n</allocations>\n",
        StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Jobs started by this thread from now on run in the fair scheduler's pool {@code name}: a query
   * keeps the pool of the thread that started it, the streaming context that of the thread that
   * starts it. So one job's long batch shares the cores with the others instead of queueing them.
   */
  private static void schedulerPool(SparkSession spark, String name) {
    spark.sparkContext().setLocalProperty("spark.scheduler.pool", name);
  }

  /**
   * A job's flags in the demo: the embedded broker and registry, the job's topics as the catalog
   * declares them, its own checkpoint, and the demo's database when it writes tables.
   */
  private JobArguments.Builder arguments(JobSpec job, String trigger) {
    JobArguments.Builder arguments =
        JobArguments.builder()
            .bootstrap(bootstrap)
            .registry(settings.registryUrl())
            .checkpoint(settings.checkpoint(job.name()))
            .trigger(trigger)
            .inputTopic(job.input())
            .deadLetterTopic(job.deadLetterTopic())
            .outputTopic(job.output().name());
    return job.tables().isEmpty() ? arguments : arguments.jdbcUrl(settings.jdbcUrl());
  }

  private JobArguments.Builder arguments(JobSpec job, Function<JobSpec, String> triggers) {
    return arguments(job, triggers.apply(job));
  }

  /** A DStream graph's flags: its batches are the shared context's. */
  private JobArguments.Builder dstreamArguments(JobSpec job) {
    return arguments(job, "1s").batch(BATCH);
  }
}
