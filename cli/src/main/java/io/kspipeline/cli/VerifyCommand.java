package io.kspipeline.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code verify}: a crash harness in the spirit of Kafka's VerifiableProducer/Consumer. Produces
 * events with unique ids, runs a job in its own JVM, SIGKILLs and restarts it from its checkpoint,
 * drains, and compares the table and the output topic with the ground truth; optionally bounces the
 * broker while the events are produced.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Check a job's exactly-once results through crashes: produce events with unique ids, run the"
          + " job as a separate JVM, SIGKILL it --kills times after it has made progress (every other kill"
          + " aimed inside an open JDBC transaction of its sink, the others at random moments),"
          + " restart it from its checkpoint each time, drain, then compare its table and"
          + " output topic with the counts the events must give.",
      "The last line is: verify: job=<name> kills=<N> events=<E> lost=<L> duplicated=<D>"
          + " topic_missing=<M> topic_raw_duplicates=<R>, the topic read with"
          + " isolation.level=read_committed. Exit code 1 when anything is lost or duplicated in"
          + " the table, missing or duplicated in the topic (the jobs run with their default"
          + " --kafka-output exactly-once), or (with --bounce-broker) an acknowledged record is"
          + " lost or duplicated.",
      "What is compared, per job: status-counts and hashtag-counts: the running count of each key"
          + " (table and latest value per key). top-urls, trending-hashtags and action-counts:"
          + " the count of each key in each event-time window (table and each window's latest"
          + " ranking or count; trending-hashtags: the windows its newest tweet has reached, as"
          + " it reports them); the events are in order within the watermark, so none is late."
          + " error-alerts and error-lines write no table: one alert per server error, one"
          + " record per line containing \"error\", nothing else; lost and duplicated then count"
          + " the output topic's distinct records (error-alerts writes at least once: a"
          + " byte-identical alert written again is a raw duplicate, reported, not failed). popular-hashtags: its windows are processing time, so only its last"
          + " slide is exact: with a window longer than the run it must rank every hashtag with"
          + " its total (the table's latest slide and the topic's last record); earlier slides and"
          + " the order of ranks are not checked.",
      "--job all verifies every job in turn, each on fresh topics and its own work dir, then"
          + " prints: verify: all jobs=<n> failed=<names or none>."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline verify --job status-counts --kills 3",
      "  pipeline verify --job hashtag-counts --kills 5 --events 5000",
      "  pipeline verify --job all --kills 2 --events 300",
      "  pipeline verify --job top-urls --kills 1 --bounce-broker 2",
      "  pipeline verify --job status-counts --kills 1 --registry-outage 10s",
      "  pipeline verify --job status-counts --kills 1 --db-outage 10s --jdbc-url"
          + " 'jdbc:postgresql://db:5432/test?user=postgres'",
      "  pipeline verify --job status-counts --brokers 3 --kills 0 --bounce-broker 2",
      "  pipeline verify --job hashtag-counts --kills 3 --bootstrap kafka-1:9092",
      "  pipeline verify --job status-counts --kills 1 --bootstrap kafka-1:9093 --kafka-config"
          + " client.properties"
    })
public final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--job",
      required = true,
      paramLabel = "NAME",
      completionCandidates = VerifiedJob.Names.class,
      description = "The job to verify, one of ${COMPLETION-CANDIDATES}; or all.")
  String jobName;

  @Option(
      names = "--kills",
      defaultValue = "3",
      paramLabel = "N",
      description = "SIGKILLs of the job, each followed by a restart (default: ${DEFAULT-VALUE}).")
  int kills;

  @Option(
      names = "--events",
      defaultValue = "2000",
      paramLabel = "E",
      description =
          "Events produced, split evenly over the job's runs (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(
      names = "--bounce-broker",
      defaultValue = "0",
      paramLabel = "B",
      description =
          "SIGKILL and restart the embedded broker B times while the first events are produced;"
              + " with --brokers 3 or more, B times while the job runs, the node leading the input"
              + " topic's partition 0 (every other time: the output topic's), producing on while it"
              + " is down. Every acknowledged event must then be in the input exactly once"
              + " (default: ${DEFAULT-VALUE}).")
  int bounces;

  @Option(
      names = "--brokers",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Embedded broker nodes: 1, or at least 3 for a KRaft cluster (each node its own JVM)"
              + " whose topics have 3 replicas and min.insync.replicas=2 (default:"
              + " ${DEFAULT-VALUE}).")
  int brokers;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description =
          "Verify against this Kafka cluster (topics verify-<run>-* are created) instead of an"
              + " embedded broker; no --bounce-broker then.")
  String bootstrap;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "With --bootstrap: Kafka client properties (security.protocol, sasl.*, ssl.* ...) for"
              + " the harness's clients and the job's.")
  Path kafkaConfig;

  @Option(
      names = "--work-dir",
      defaultValue = "pipeline-verify-data",
      description =
          "Each run gets a new directory here for checkpoints, job logs, the registry, the H2"
              + " database and the embedded broker (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(
      names = "--checkpoint-root",
      paramLabel = "URI",
      description =
          "Put each run's job checkpoint under this directory (e.g."
              + " hdfs://namenode:8020/tmp/verify) instead of the run's work dir: verifies the jobs"
              + " on the file system your cluster checkpoints to. Its Hadoop client must be on the"
              + " class path (HDFS's is).")
  String checkpointRoot;

  @Option(
      names = "--seed",
      description = "Seed of the events and kill moments (default: random, printed).")
  Long seed;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "Verify the job's table on this database server instead of verify's own H2:"
              + " jdbc:postgresql://, jdbc:mariadb://, jdbc:mysql:// or jdbc:h2:tcp://, credentials"
              + " in the URL. Each run creates a schema of its own there (a database on"
              + " MariaDB/MySQL), verify_<id>, and leaves it for inspection; the jobs connect"
              + " through a local proxy.")
  String jdbcUrl;

  @Option(
      names = "--db-outage",
      paramLabel = "DURATION",
      description =
          "Stop the database for DURATION (e.g. 20s) once the job's last run has written to it,"
              + " then start it again: the job's writes wait and retry (--jdbc-retry-for), and the"
              + " table must still equal the truth. With --jdbc-url the server keeps running:"
              + " the proxy between it and the jobs cuts their connections and refuses new ones.")
  Duration dbOutage;

  @Option(
      names = "--registry-outage",
      paramLabel = "DURATION",
      description =
          "Serve the schema registry over HTTP and stop it for DURATION (e.g. 10s) once the last"
              + " killed run has counted something, then start it again: the running job must"
              + " count on with its cached schemas, is SIGKILLed inside the outage, and the next"
              + " run, which cannot start without the registry, is started again until it"
              + " answers (the registry stays down past DURATION until that run has been refused"
              + " once). Needs --kills 1 or more.")
  Duration registryOutage;

  @Option(
      names = "--soak",
      paramLabel = "DURATION",
      description =
          "With --job all: instead of kills, run every job of the demo on a steady generated load"
              + " for DURATION (e.g. 30m), print a sample of memory, state, batch p99 and lag at"
              + " every --soak-sample, and fail if any keeps rising after --soak-warmup.")
  Duration soak;

  @Option(
      names = "--rate",
      defaultValue = "100",
      paramLabel = "N",
      description =
          "With --soak: access-log lines per second; tweets and web actions at a fifth of it"
              + " (default: ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--soak-sample",
      defaultValue = "1m",
      paramLabel = "DURATION",
      description = "With --soak: the sampling interval (default: ${DEFAULT-VALUE}).")
  Duration soakSample;

  @Option(
      names = "--soak-warmup",
      defaultValue = "6m",
      paramLabel = "DURATION",
      description =
          "With --soak: samples before it are shown, not judged; by default the time every window"
              + " of the demo but action-counts' hour takes to close once (trending-hashtags' 300 s"
              + " and its 1 min watermark) (default: ${DEFAULT-VALUE}).")
  Duration soakWarmup;

  @Override
  public Integer call() throws Exception {
    if (soak != null) {
      return soak();
    }
    List<VerifiedJob> jobs = validated();
    PrintWriter out = spec.commandLine().getOut();
    long actualSeed = seed != null ? seed : System.nanoTime();
    if (!jobName.equalsIgnoreCase(VerifiedJob.ALL)) {
      return verify(jobs.get(0), actualSeed, out);
    }
    return new EveryJobVerification(out).run(jobs, job -> verify(job, actualSeed, out));
  }

  /** One job on its own topics, broker, database and work dir. */
  private int verify(VerifiedJob job, long actualSeed, PrintWriter out) throws Exception {
    Random random = new Random(actualSeed);
    Files.createDirectories(workDir);
    Path run = Files.createTempDirectory(workDir.toAbsolutePath(), job.name() + "-");
    out.printf("verify: work dir %s, seed %d%n", run, actualSeed);
    VerifyDatabase database = database(job, run, out);
    // So does the registry when it is to go away: over HTTP, else the directory every JVM opens.
    RegistryOutage registry =
        registryOutage != null
            ? RegistryOutage.serve(run.resolve("registry"), job, registryOutage, out)
            : null;
    try (VerifyBroker broker =
        bootstrap != null
            ? VerifyBroker.external(bootstrap)
            : VerifyBroker.embedded(run, brokers)) {
      VerifySetup setup =
          new VerifySetup(
              broker.bootstrap(),
              broker.clientConfig(kafkaConfig, run),
              registry != null ? registry.url() : run.resolve("registry").toUri().toString(),
              database.jobsUrl(),
              run,
              checkpoint(run),
              "verify-" + run.getFileName() + "-");
      broker.createTopics(setup);
      return verify(job, setup, broker, database, registry, random, out);
    } finally {
      database.close();
      if (registry != null) {
        registry.close();
      }
    }
  }

  /** The job's checkpoint of a run: in its work dir, or under --checkpoint-root. */
  String checkpoint(Path run) {
    return checkpointRoot == null
        ? run.resolve("checkpoint").toString()
        : checkpointRoot.replaceAll("/+$", "") + "/" + run.getFileName() + "/checkpoint";
  }

  private int verify(
      VerifiedJob job,
      VerifySetup setup,
      VerifyBroker broker,
      VerifyDatabase database,
      RegistryOutage registry,
      Random random,
      PrintWriter out)
      throws Exception {
    VerifyEvents truth = job.events(events, random);
    ResultTable table = job.hasTable() ? new ResultTable(database.directUrl(), job) : null;
    JobCrashLoop loop =
        new JobCrashLoop(
            job, setup, JobProgress.of(setup, table), database.directUrl(), random, out);
    if (registry != null) {
      loop.restartWhileRegistryDown(registry.restarts());
    }
    int runs = kills + 1;
    Set<String> acked;
    try (AckedProducer producer =
        new AckedProducer(setup.kafkaClient(), setup.registry(), setup.inputTopic())) {
      for (int r = 0; r < runs; r++) {
        // Each run gets its share of the events just before it starts, so every run has work.
        List<VerifyEvents.Event> share = truth.slice(r * events / runs, (r + 1) * events / runs);
        if (r == 0 && bounces > 0 && broker.cluster().isPresent()) {
          // Half the share goes in a run of its own through the leader kills; the rest below.
          List<List<VerifyEvents.Event>> parts =
              LeaderBounces.split(share.subList(0, share.size() / 2), bounces);
          producer.send(parts.get(0));
          producer.flush();
          loop.runThrough(
              r,
              events / runs,
              "broker-bounces",
              new LeaderBounces(
                  broker.cluster().get(), setup, producer, parts.subList(1, parts.size()), out));
          producer.send(share.subList(share.size() / 2, share.size()));
          producer.flush();
        } else if (r == 0 && bounces > 0) {
          produceBouncing(producer, share, broker, out);
        } else {
          producer.send(share);
          producer.flush();
        }
        // The pacing of every run from the same nominal share: a DStream job's checkpoint holds
        // its rate, and a restart with another is refused.
        if (registry != null && r == kills - 1) {
          loop.runAndKillDuring(r, events / runs, RegistryOutage.NAME, registry);
        } else if (r < kills) {
          loop.runAndKill(r, events / runs);
        } else if (dbOutage != null) {
          CompletableFuture<Void> outage =
              DatabaseOutage.afterProgress(database, table, table.total(), dbOutage, out);
          // In steps: the run's first write may otherwise be its last, with none left to retry.
          loop.drainInSteps(r, events / runs);
          outage.get(1, TimeUnit.MINUTES);
        } else {
          loop.drain(r, events / runs);
        }
      }
      acked = producer.acked();
    }
    if (registry != null) {
      registry.awaitBack();
    }
    out.printf("verify: kills=%d in_open_transaction=%d%n", kills, loop.killsInOpenTransaction());
    TopicAudit topics = new TopicAudit(setup.kafkaClient());
    boolean failed = false;
    if (bounces > 0) {
      VerifyTally input =
          VerifyTally.compare(countsOf(acked), topics.keyCounts(setup.inputTopic()));
      out.printf(
          "verify: bounces=%d acked=%d acked_lost=%d acked_duplicated=%d%n",
          bounces, acked.size(), input.lost(), input.duplicated());
      failed = input.lost() > 0 || input.duplicated() > 0;
    }
    TopicAudit.OutputCheck output =
        topics.output(setup.outputTopic(), setup.registry(), job, truth.expected());
    // A job without a table has its topic as its result.
    VerifyTally tally =
        VerifyTally.compare(truth.expected(), table != null ? table.counts() : output.stated());
    out.printf(
        "verify: job=%s kills=%d events=%d lost=%d duplicated=%d topic_missing=%d"
            + " topic_raw_duplicates=%d%n",
        job.name(),
        kills,
        acked.size(),
        tally.lost(),
        tally.duplicated(),
        output.missing(),
        output.rawDuplicates());
    out.flush();
    failed |= tally.lost() > 0 || tally.duplicated() > 0 || output.missing() > 0;
    // The job ran with its default --kafka-output exactly-once: a replay must not write again.
    failed |= job.writesExactlyOnce() && output.rawDuplicates() > 0;
    return failed ? 1 : 0;
  }

  /**
   * The database outlives every job JVM: an H2 server in this one, or the server of --jdbc-url (for
   * a job that writes a table) with a schema of the run's own.
   */
  private VerifyDatabase database(VerifiedJob job, Path run, PrintWriter out) throws Exception {
    if (jdbcUrl == null || !job.hasTable()) {
      return OwnH2Database.start(run.resolve("h2"));
    }
    ExternalDatabase database =
        ExternalDatabase.isolated(jdbcUrl, ExternalDatabase.newSchemaName());
    out.printf("verify: the job's tables are in %s (kept after the run)%n", database.location());
    return database;
  }

  /**
   * Sends the events in B+1 parts and bounces the broker right after each of the first B parts is
   * handed to the producer, so sends are in flight (buffered, unacknowledged) at every SIGKILL.
   */
  private void produceBouncing(
      AckedProducer producer,
      List<VerifyEvents.Event> share,
      VerifyBroker broker,
      PrintWriter out) {
    for (int b = 0; b <= bounces; b++) {
      producer.send(
          share.subList(b * share.size() / (bounces + 1), (b + 1) * share.size() / (bounces + 1)));
      if (b < bounces) {
        int before = producer.ackedCount();
        broker.bounce();
        out.printf(
            "verify: broker bounce %d: SIGKILL with %d events acknowledged, restarted%n",
            b + 1, before);
        out.flush();
      }
    }
    producer.flush();
  }

  private int soak() throws java.io.IOException {
    if (!VerifiedJob.ALL.equalsIgnoreCase(jobName)) {
      throw new ParameterException(
          spec.commandLine(),
          "--soak runs every job of the demo together: --job all --soak " + soak);
    }
    if (bootstrap != null || bounces > 0 || rate <= 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--soak runs on the embedded broker at a positive --rate, without --bootstrap or"
              + " --bounce-broker");
    }
    if (dbOutage != null || registryOutage != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--soak runs the demo without kills or outages: leave out --db-outage and"
              + " --registry-outage, or verify one job with them, e.g. --job status-counts"
              + " --kills 1 --registry-outage 10s");
    }
    if (jdbcUrl != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--soak runs the demo on its own H2: leave out --jdbc-url, or verify one job on the"
              + " server, e.g. --job status-counts --kills 1 --jdbc-url "
              + jdbcUrl);
    }
    PrintWriter out = spec.commandLine().getOut();
    Files.createDirectories(workDir);
    Path run = Files.createTempDirectory(workDir.toAbsolutePath(), "soak-");
    out.printf("verify: soak work dir %s%n", run);
    return new VerifySoak(soak, rate, soakSample, soakWarmup).run(run, out);
  }

  private List<VerifiedJob> validated() {
    List<VerifiedJob> jobs;
    try {
      jobs = VerifiedJob.selected(jobName);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (kills < 0 || bounces < 0) {
      throw new ParameterException(spec.commandLine(), "--kills and --bounce-broker must be >= 0");
    }
    if (events < kills + 1) {
      throw new ParameterException(
          spec.commandLine(), "--events must be at least one per run (--kills + 1)");
    }
    if (brokers < 1 || brokers == 2) {
      throw new ParameterException(
          spec.commandLine(),
          "--brokers must be 1, or 3 or more: a cluster's topics need 3 replicas so that"
              + " acks=all writes (min.insync.replicas=2) go on while one node is down");
    }
    if (brokers > 1 && bootstrap != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--brokers starts an embedded cluster; it does not go with --bootstrap");
    }
    if (bounces > 0 && bootstrap != null) {
      throw new ParameterException(
          spec.commandLine(), "--bounce-broker needs the embedded broker (no --bootstrap)");
    }
    if (kafkaConfig != null && bootstrap == null) {
      throw new ParameterException(
          spec.commandLine(), "--kafka-config is for a cluster given with --bootstrap");
    }
    if (dbOutage != null && jobs.stream().anyMatch(job -> !job.hasTable())) {
      throw new ParameterException(
          spec.commandLine(), "--db-outage needs a job that writes a table: " + jobsWithTable());
    }
    if (jdbcUrl != null && jobs.stream().noneMatch(VerifiedJob::hasTable)) {
      throw new ParameterException(
          spec.commandLine(), "--jdbc-url is for a job that writes a table: " + jobsWithTable());
    }
    String refusal = jdbcUrl != null ? ExternalDatabase.refusal(jdbcUrl) : null;
    if (refusal != null) {
      throw new ParameterException(spec.commandLine(), refusal);
    }
    if (registryOutage != null
        && (kills < 1 || registryOutage.isNegative() || registryOutage.isZero())) {
      throw new ParameterException(
          spec.commandLine(),
          "--registry-outage SIGKILLs the job inside the outage and restarts it: give a positive"
              + " duration and --kills 1 or more, e.g. --kills 1 --registry-outage 10s");
    }
    return jobs;
  }

  private static String jobsWithTable() {
    return String.join(
        ", ",
        VerifiedJob.all().stream().filter(VerifiedJob::hasTable).map(VerifiedJob::name).toList());
  }

  private static Map<String, Long> countsOf(Set<String> ids) {
    return VerifyEvents.countsOf(List.copyOf(ids));
  }
}
