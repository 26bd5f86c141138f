package io.kspipeline.cli;

import io.kspipeline.cli.DemoProducers.Outcome;
import io.kspipeline.embedded.EmbeddedKafkaBroker;
import io.kspipeline.jobs.common.GracefulShutdown;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.jobs.common.SparkSessions;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.metrics.PipelineMetrics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.util.ShutdownHookManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * {@code demo}: the whole pipeline on embedded defaults, nothing to install. A real Kafka broker in
 * this JVM, a file-backed schema registry, an H2 file database, the access-log, tweet and
 * web-action producers, and every job of the catalog on local Spark, with live tables in the
 * terminal (and a web page) until Ctrl-C — or, with --until-drained, until every input record is
 * processed, then a summary.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run the whole pipeline on embedded defaults: a Kafka broker in this JVM, the access-log,"
          + " tweet and web-action producers, the jobs status-counts, top-urls, action-counts,"
          + " trending-hashtags, error-alerts, error-lines, popular-hashtags and hashtag-counts on"
          + " local Spark, results in an H2 file database, and live tables refreshed every second"
          + " until Ctrl-C."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline demo",
      "  pipeline demo --web 8080",
      "  pipeline demo --access-log /var/log/nginx/access.log --tweets tweets.jsonl --until-drained",
      "  pipeline demo --web-actions actions.jsonl --replay-speed 60",
      "  pipeline demo --bootstrap kafka:9092 --jdbc-url jdbc:postgresql://db/app"
    })
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--work-dir",
      defaultValue = "pipeline-demo-data",
      description =
          "Where the demo keeps broker data, checkpoints, the schema registry and the H2 database"
              + " (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(
      names = "--access-log",
      paramLabel = "FILE",
      description = "Replay this access log instead of generating requests.")
  Path accessLog;

  @Option(
      names = "--tweets",
      paramLabel = "FILE",
      arity = "1..*",
      description =
          "Replay these tweet files (API v1.1/v2 JSON lines) instead of generating tweets.")
  List<Path> tweets = new ArrayList<>();

  @Option(
      names = "--web-actions",
      paramLabel = "FILE",
      description =
          "Replay this file of web actions (JSON lines) instead of generating user sessions.")
  Path webActions;

  @Option(
      names = "--replay-speed",
      paramLabel = "X",
      description =
          "Replay files at X times the pace of their timestamps (default: as fast as possible).")
  Double replaySpeed;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "Use this Kafka cluster instead of starting an embedded broker.")
  String bootstrap;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description = "Write results to this database (default: an H2 file in the work dir).")
  String jdbcUrl;

  @Option(
      names = "--checkpoint",
      paramLabel = "DIR",
      description = "Checkpoint root, one directory per job (default: <work-dir>/checkpoints).")
  Path checkpoint;

  @Option(
      names = "--watermark",
      defaultValue = "1m",
      description =
          "How late (event time) a record may be and still count (default: ${DEFAULT-VALUE}).")
  Duration watermark;

  @Option(
      names = "--until-drained",
      description =
          "Process the given (or a fixed amount of generated) input, then exit 0 with a summary of"
              + " records in, out, late and dead-lettered per job.")
  boolean untilDrained;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      description =
          "Stop by itself after DURATION (e.g. 3m), exactly as Ctrl-C does (default: run until"
              + " Ctrl-C).")
  Duration runFor;

  @Option(
      names = "--log-rate",
      paramLabel = "N",
      defaultValue = "100",
      description = "Generated access-log lines per second (default: ${DEFAULT-VALUE}).")
  int logRate;

  @Option(
      names = "--tweet-rate",
      paramLabel = "N",
      defaultValue = "20",
      description = "Generated tweets per second (default: ${DEFAULT-VALUE}).")
  int tweetRate;

  @Option(
      names = "--action-rate",
      paramLabel = "N",
      defaultValue = "20",
      description = "Generated web actions per second (default: ${DEFAULT-VALUE}).")
  int actionRate;

  @Option(
      names = "--web",
      paramLabel = "PORT",
      description =
          "Also serve the live tables and a chart on http://127.0.0.1:PORT/ (0: any free port).")
  Integer webPort;

  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private DemoObserver observer;

  /** A live demo watched by {@code observer} instead of drawing its tables. */
  DemoCommand observedBy(DemoObserver observer) {
    this.observer = observer;
    return this;
  }

  /** Asks a live demo to stop, as Ctrl-C does. */
  public void stop() {
    stopRequested.countDown();
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    DemoSettings settings = settings();
    if (logRate <= 0 || tweetRate <= 0 || actionRate <= 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--log-rate, --tweet-rate and --action-rate must be positive (records per second)");
    }
    if (runFor != null && (untilDrained || runFor.isNegative() || runFor.isZero())) {
      throw new ParameterException(
          spec.commandLine(),
          untilDrained
              ? "--for stops a live demo; --until-drained stops when the input is processed: use"
                  + " one of them"
              : "--for wants a positive duration, e.g. --for 3m");
    }
    Files.createDirectories(settings.workDir());
    long started = System.nanoTime();
    EmbeddedKafkaBroker broker = null;
    try {
      String servers = settings.bootstrap();
      if (servers == null) {
        say(
            out,
            "starting an embedded Kafka broker (data in "
                + settings.workDir().resolve("kafka")
                + ")");
        broker =
            EmbeddedKafkaBroker.start(
                DemoBrokerPorts.config(settings.workDir(), settings.workDir().resolve("kafka"))
                    .withDefaultPartitions(2));
        servers = broker.bootstrapServers();
      }
      DemoTopics.create(servers);
      DemoSchemas.register(settings.registryUrl());
      StreamingOptions session = StreamingOptions.of(null, "1s");
      session.sparkConf().put("spark.ui.enabled", "false");
      DemoJobs.taskSlots(System.getProperties(), Runtime.getRuntime().availableProcessors())
          .forEach(session.sparkConf()::put);
      // Each Structured job in a pool of its own, the DStream jobs in one (DemoJobs): their batches
      // share two cores fairly.
      session.sparkConf().put("spark.scheduler.mode", "FAIR");
      session
          .sparkConf()
          .put(
              "spark.scheduler.allocation.file",
              DemoJobs.writeSchedulerPools(settings.workDir()).toString());
      SparkSession spark = SparkSessions.forJob("demo", session);
      try (Connection database = keepEmbeddedDatabaseOpen(settings)) {
        DemoJobs jobs = new DemoJobs(settings, servers);
        return settings.untilDrained()
            ? drained(out, settings, servers, jobs, spark)
            : live(out, settings, servers, jobs, spark, started);
      } finally {
        spark.stop();
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  /**
   * A connection to the embedded H2 database held while the demo runs; null with --jdbc-url. H2
   * closes a file database when its last connection closes, and the jobs' sinks and the live view
   * each connect for a moment: without it, the whole file would be opened again every second or so
   * (one such opening, of H2 2.3.232 under eight jobs, failed: "File corrupted ... Double mark").
   */
  private Connection keepEmbeddedDatabaseOpen(DemoSettings settings) throws SQLException {
    return jdbcUrl != null ? null : DriverManager.getConnection(settings.jdbcUrl());
  }

  private int drained(
      PrintWriter out, DemoSettings settings, String servers, DemoJobs jobs, SparkSession spark)
      throws Exception {
    DemoProducers producers = startProducers(out, settings, servers);
    int failedProducers = 0;
    for (Outcome produced : producers.await()) {
      out.println(produced.output());
      failedProducers += produced.exitCode() == 0 ? 0 : 1;
    }
    if (failedProducers > 0) {
      say(out, failedProducers + " producer(s) failed");
      return 1;
    }
    say(out, "running the Structured jobs over everything produced");
    QueryRunner.awaitAll(spark, jobs.startAvailableNow(spark));
    say(out, "running the DStream jobs until their consumer groups are at the end of their input");
    JavaStreamingContext ssc = jobs.dstreamContext(spark);
    ssc.start();
    try {
      DemoDrain.await(servers, Duration.ofMinutes(5));
    } finally {
      ssc.stop(false, true);
    }
    for (String line : DemoSummary.lines(servers, settings.registryUrl())) {
      out.println(line);
    }
    whereTheDataIs(out, settings);
    return 0;
  }

  private int live(
      PrintWriter out,
      DemoSettings settings,
      String servers,
      DemoJobs jobs,
      SparkSession spark,
      long started)
      throws Exception {
    DemoJobStats stats = new DemoJobStats(servers, DemoJobs.JOBS);
    spark.streams().addListener(stats.structuredListener());
    List<StreamingQuery> queries = jobs.startLive(spark);
    JavaStreamingContext ssc = jobs.dstreamContext(spark);
    ssc.addStreamingListener(stats.dstreamListener(DemoJobs.dstreamJobsByInputStream(ssc)));
    ssc.start();
    say(out, "all jobs started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    // Producing once the jobs run: no backlog from their start-up for them to work off first.
    DemoProducers producers = startProducers(out, settings, servers);
    StopSignals signals = StopSignals.install(this::stop, out);
    CountDownLatch cleanedUp = new CountDownLatch(1);
    // A shutdown the signals above do not catch (-Xrs, System.exit): stop the jobs and say where
    // the data is before Spark's own hook stops Spark.
    Object hook =
        ShutdownHookManager.addShutdownHook(
            ShutdownHookManager.SPARK_CONTEXT_SHUTDOWN_PRIORITY() + 20,
            new AbstractFunction0<BoxedUnit>() {
              @Override
              public BoxedUnit apply() {
                stop();
                try {
                  cleanedUp.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return BoxedUnit.UNIT;
              }
            });
    WebView web = settings.webPort() == null ? null : WebView.start(settings.webPort());
    String footer =
        (settings.runFor() == null ? "Ctrl-C to stop" : "stops after " + settings.runFor())
            + (web == null ? "" : "   web: http://127.0.0.1:" + web.port() + "/");
    if (web != null) {
      say(out, "web page at http://127.0.0.1:" + web.port() + "/");
    }
    // The live view owns the terminal from here: log lines go to <work-dir>/demo.log.
    DemoLog log = DemoLog.toFile(settings.workDir());
    TerminalView view = new TerminalView(out, System.console() != null, footer, log);
    long deadline =
        settings.runFor() == null
            ? Long.MAX_VALUE
            : System.nanoTime() + settings.runFor().toNanos();
    int exit = 0;
    try (SnapshotReader reader =
        new SnapshotReader(
            servers,
            settings.jdbcUrl(),
            settings.registryUrl(),
            PipelineMetrics.install(spark, null).registry())) {
      while (!stopRequested.await(untilNextRefresh(settings, deadline), TimeUnit.NANOSECONDS)
          && System.nanoTime() < deadline) {
        StreamingQuery failed =
            queries.stream().filter(q -> q.exception().isDefined()).findFirst().orElse(null);
        if (failed != null) {
          say(out, "job " + failed.name() + " failed: " + failed.exception().get().getMessage());
          exit = 1;
          break;
        }
        stats.sample();
        if (observer != null) {
          observer.refreshed(spark, queries, stats);
          continue;
        }
        LiveSnapshot snapshot = reader.read();
        view.render(snapshot);
        if (web != null) {
          web.show(snapshot);
        }
      }
    } finally {
      out.println();
      say(out, "stopping the producers, then the jobs after their running batch");
      for (Outcome produced : producers.stop()) {
        out.println(produced.output());
      }
      stats.sample(); // the lag at the stop: what the jobs had not processed yet
      ssc.stop(false, true);
      GracefulShutdown.stopBetweenBatches(queries);
      for (String line : stats.lines()) {
        say(out, line);
      }
      stats.close();
      if (web != null) {
        web.close();
      }
      log.close();
      say(
          out,
          "log: " + log.path() + " (" + log.warnings() + " warnings, " + log.errors() + " errors)");
      whereTheDataIs(out, settings);
      cleanedUp.countDown();
      ShutdownHookManager.removeShutdownHook(hook);
      signals.close();
    }
    return exit;
  }

  private static DemoProducers startProducers(
      PrintWriter out, DemoSettings settings, String servers) {
    say(out, "producing " + describeInput(settings) + " to " + servers);
    return DemoProducers.start(settings, servers, settings.registryUrl());
  }

  /** Nanoseconds to the next refresh of the view, or to the end of a --for run if sooner. */
  private static long untilNextRefresh(DemoSettings settings, long deadline) {
    return Math.max(0, Math.min(settings.refresh().toNanos(), deadline - System.nanoTime()));
  }

  private DemoSettings settings() {
    Path work = workDir.toAbsolutePath();
    return new DemoSettings(
        work,
        bootstrap,
        jdbcUrl != null
            ? jdbcUrl
            : "jdbc:h2:file:" + work.resolve("h2/pipeline") + ";AUTO_SERVER=TRUE",
        checkpoint != null ? checkpoint.toAbsolutePath() : work.resolve("checkpoints"),
        accessLog,
        List.copyOf(tweets),
        webActions,
        replaySpeed,
        watermark,
        untilDrained,
        webPort,
        Duration.ofSeconds(1),
        logRate,
        tweetRate,
        actionRate,
        runFor);
  }

  private static String describeInput(DemoSettings s) {
    String logs = s.accessLog() != null ? s.accessLog().toString() : "generated access logs";
    String tweets =
        s.tweets().isEmpty()
            ? "generated tweets"
            : String.join(", ", s.tweets().stream().map(Path::toString).toList());
    String actions = s.webActions() != null ? s.webActions().toString() : "generated user sessions";
    return logs + ", " + tweets + " and " + actions;
  }

  private static void whereTheDataIs(PrintWriter out, DemoSettings s) {
    say(out, "results are in " + s.jdbcUrl() + ", for example:");
    say(out, "  SELECT status, hits FROM status_counts ORDER BY hits DESC;");
    say(
        out,
        "  SELECT * FROM top_urls_ranked WHERE hit_rank <= 10 ORDER BY window_end DESC, hit_rank;");
    say(out, "  SELECT hashtag, hits FROM hashtag_counts ORDER BY hits DESC;");
    say(
        out,
        "  SELECT window_start, action, hits FROM action_counts ORDER BY window_start, action;");
    say(
        out,
        "  with H2's shell: java -cp 'cli/target/lib/*' org.h2.tools.Shell -url '"
            + s.jdbcUrl()
            + "'");
    say(
        out,
        "checkpoints are in " + s.checkpoints() + "; delete " + s.workDir() + " to start over");
  }

  private static void say(PrintWriter out, String message) {
    out.println("demo: " + message);
    out.flush();
  }
}
