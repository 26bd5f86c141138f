package io.kspipeline.jobs.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions.Recorded;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code checkpoint inspect|reset}: a job's checkpoint, read and started afresh. */
@Command(
    name = "checkpoint",
    mixinStandardHelpOptions = true,
    description = "Inspect a job's checkpoint, or move it aside to start the job afresh.",
    subcommands = {CheckpointCommand.Inspect.class, CheckpointCommand.Reset.class})
public final class CheckpointCommand {
  /**
   * A main class of the job jar, for checkpoints on the cluster's storage (HDFS, S3) read with the
   * cluster's Hadoop settings: {@code spark-submit --class
   * io.kspipeline.jobs.checkpoint.CheckpointCommand job.jar inspect --job J --checkpoint URI}.
   */
  public static void main(String[] args) {
    PipelineCommandLine.runSparkMain(new CheckpointCommand(), args);
  }

  /** The job and its checkpoint, as the job itself takes them. */
  static final class Target {
    @Option(
        names = "--job",
        required = true,
        paramLabel = "JOB",
        description = "The job: ${COMPLETION-CANDIDATES}.",
        completionCandidates = JobNames.class)
    String job;

    @Option(
        names = "--checkpoint",
        paramLabel = "DIR|URI",
        description = "The job's checkpoint (default: checkpoints/<job>, as the job's default).")
    String checkpoint;

    JobSpec spec() {
      return JobCatalog.named(job);
    }

    String checkpoint() {
      return checkpoint != null ? checkpoint : "checkpoints/" + job;
    }
  }

  /** The job names, for picocli's completion candidates. */
  static final class JobNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return JobCatalog.names().iterator();
    }
  }

  @Command(
      name = "inspect",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "What a job's checkpoint holds: the options it was started with, each query's last batch"
            + " and when it was committed, its sources' offsets per partition beside the"
            + " partition's log start and end in Kafka, its state operators and their size on"
            + " disk; for a DStream job the latest checkpoint, its inputs' offsets and the"
            + " consumer group's committed offsets.",
        "Without Kafka (--bootstrap not answering) it shows the checkpoint alone."
      },
      footer = {
        "",
        "Examples:",
        "  pipeline checkpoint inspect --job top-urls",
        "  pipeline checkpoint inspect --job error-lines --checkpoint s3a://bucket/ckpt/el --json"
      })
  static final class Inspect implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Target target = new Target();
    @Mixin KafkaOptions kafka = new KafkaOptions();

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      JobSpec job = target.spec();
      CheckpointReport report;
      try (KafkaLog log = KafkaLog.connect(kafka)) {
        report = CheckpointInspector.inspect(target.checkpoint(), job.name(), job.api(), log);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(
            new ObjectMapper()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .writerWithDefaultPrettyPrinter()
                .writeValueAsString(report));
      } else {
        out.print(ReportText.render(report));
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "reset",
      mixinStandardHelpOptions = true,
      sortOptions = false,
      description = {
        "Start a job afresh: move its checkpoint aside to <checkpoint>.reset-<time> and record"
            + " where the job's next start reads from. That start takes the options it is given"
            + " (a changed window, another input) and records them; windows and state start"
            + " over. Stop the job first.",
        "--to: checkpoint (where the old checkpoint stopped: a Structured query's offsets after"
            + " its last committed batch, a DStream job's committed consumer-group offsets),"
            + " earliest, latest (the end of each partition when the job starts), an ISO time"
            + " (the first record at or after it, by record timestamp) or"
            + " topic:partition=offset,... naming every partition of the job's input topic."
            + " A job reading files or a socket takes earliest only: it reads them from their"
            + " start."
      },
      footer = {
        "",
        "Examples:",
        "  pipeline checkpoint reset --job top-urls --to checkpoint",
        "  pipeline checkpoint reset --job hashtag-counts --to 2026-12-03T08:00:00Z",
        "  pipeline checkpoint reset --job status-counts --to access-logs:0=1200,access-logs:1=1180"
      })
  static final class Reset implements Callable<Integer> {
    private static final DateTimeFormatter ASIDE =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Spec CommandSpec spec;
    @Mixin Target target = new Target();

    @Option(
        names = "--to",
        required = true,
        paramLabel = "checkpoint|earliest|latest|TIME|OFFSETS",
        description = "Where the job's next start reads from (see above).")
    String to;

    @Mixin KafkaOptions kafka = new KafkaOptions();

    @Override
    public Integer call() throws Exception {
      JobSpec job = target.spec();
      String checkpoint = target.checkpoint();
      Path dir = new Path(checkpoint);
      FileSystem fs = dir.getFileSystem(new Configuration());
      Optional<Recorded> recorded =
          fs.exists(dir) ? JobCheckpoint.readOptions(fs, dir) : Optional.empty();
      if (recorded.isPresent() && !recorded.get().options().job().equals(job.name())) {
        throw new JobCheckpoint.OneLine(
            "checkpoint "
                + checkpoint
                + " was started by "
                + recorded.get().options().job()
                + ", not "
                + job.name()
                + ": pass --job "
                + recorded.get().options().job()
                + " or the checkpoint of "
                + job.name());
      }
      // The topic the checkpoint's job read; null when it read files or a socket, or nothing says.
      String inputTopic = recorded.map(r -> r.options().inputTopic()).orElse(null);
      StartPosition start = startPosition(fs, dir, job, recorded.isPresent(), inputTopic);
      String movedTo = null;
      if (fs.exists(dir)) {
        Path aside = aside(fs, checkpoint);
        if (!fs.rename(dir, aside)) {
          throw new JobCheckpoint.OneLine(
              "cannot move " + checkpoint + " to " + aside + ": check the permissions");
        }
        movedTo = aside.toString();
      }
      fs.mkdirs(dir);
      JobCheckpoint.write(
          fs,
          new Path(dir, JobCheckpoint.START_FILE),
          new ResetRecord(start, Instant.now(), movedTo).toJson());
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          movedTo == null
              ? "checkpoint reset: " + checkpoint + " did not exist; created it"
              : "checkpoint reset: " + checkpoint + " moved to " + movedTo);
      out.println(
          "the next start of "
              + job.name()
              + " reads "
              + (recorded.isPresent() && inputTopic == null
                  ? "its files or socket from their start"
                  : (inputTopic == null ? "its Kafka input" : inputTopic)
                      + " from "
                      + start.description())
              + "; windows and state start over, with the options that start is given");
      recorded.ifPresent(
          r ->
              out.println(
                  "the old checkpoint's options: "
                      + r.options().options().entrySet().stream()
                          .filter(e -> !e.getKey().equals(CheckpointOptions.SHAPE))
                          .map(e -> e.getKey() + " " + e.getValue())
                          .collect(Collectors.joining(", "))));
      out.flush();
      return 0;
    }

    private StartPosition startPosition(
        FileSystem fs, Path dir, JobSpec job, boolean recorded, String inputTopic)
        throws Exception {
      boolean readsKafka = !recorded || inputTopic != null;
      if (to.trim().equalsIgnoreCase("checkpoint")) {
        if (!readsKafka) {
          throw new JobCheckpoint.OneLine(
              job.name()
                  + " reads files or a socket here, which it reads from their start: --to"
                  + " earliest");
        }
        return job.api() == Api.DSTREAM ? new StartPosition.Committed() : whereItStopped(fs, dir);
      }
      StartPosition start = StartPosition.parse(to);
      if (start instanceof StartPosition.Committed && job.api() == Api.STRUCTURED) {
        throw new JobCheckpoint.OneLine(
            "a Structured job commits to no consumer group: --to checkpoint starts where its"
                + " checkpoint stopped");
      }
      if (!readsKafka && !(start instanceof StartPosition.Earliest)) {
        throw new JobCheckpoint.OneLine(
            job.name()
                + " reads files or a socket here, which it reads from their start: --to"
                + " earliest");
      }
      if (start instanceof StartPosition.Offsets offsets) {
        checkOffsets(offsets, inputTopic);
      }
      return start;
    }

    /** The offsets after the last committed batch of the checkpoint's query (the latest one). */
    private StartPosition whereItStopped(FileSystem fs, Path dir) throws Exception {
      String checkpoint = target.checkpoint();
      List<StructuredCheckpoint.Query> queries =
          StructuredCheckpoint.queryDirs(fs, dir, 3).stream()
              .map(
                  d -> {
                    try {
                      return StructuredCheckpoint.read(fs, d, d.getName());
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .filter(q -> q.committedBatch() != null)
              .sorted(Comparator.comparing(StructuredCheckpoint.Query::committedAt).reversed())
              .toList();
      if (queries.isEmpty()) {
        throw new JobCheckpoint.OneLine(
            "checkpoint "
                + checkpoint
                + " has no committed batch to start after: --to earliest, latest or a time");
      }
      Map<TopicPartition, Long> offsets = new TreeMap<>(StartPosition.PARTITION_ORDER);
      queries.get(0).sources().forEach(source -> offsets.putAll(source.offsets()));
      if (offsets.isEmpty()) {
        throw new JobCheckpoint.OneLine(
            "checkpoint " + checkpoint + " holds no Kafka offsets: --to earliest");
      }
      return new StartPosition.Offsets(offsets);
    }

    /** Explicit offsets name the job's topic, every partition of it, each inside its log. */
    private void checkOffsets(StartPosition.Offsets offsets, String inputTopic) {
      if (inputTopic != null && !offsets.topics().equals(java.util.Set.of(inputTopic))) {
        throw new JobCheckpoint.OneLine(
            "--to names "
                + String.join(", ", offsets.topics())
                + ", but the job reads "
                + inputTopic
                + ": --to "
                + inputTopic
                + ":0=OFFSET,...");
      }
      try (KafkaLog log = KafkaLog.connect(kafka)) {
        String topic = offsets.topics().iterator().next();
        List<TopicPartition> partitions =
            log.partitions(topic)
                .orElseThrow(
                    () ->
                        new JobCheckpoint.OneLine(
                            "cannot check the offsets against Kafka at "
                                + kafka.bootstrap()
                                + " ("
                                + log.unreachable()
                                + "): pass --bootstrap (and --kafka-config) of the job's"
                                + " cluster"));
        List<String> missing =
            partitions.stream()
                .filter(tp -> !offsets.offsets().containsKey(tp))
                .map(tp -> tp.topic() + ":" + tp.partition() + "=OFFSET")
                .toList();
        if (!missing.isEmpty()) {
          throw new JobCheckpoint.OneLine(
              topic
                  + " has "
                  + partitions.size()
                  + " partitions: --to names every one, add "
                  + String.join(",", missing));
        }
        Map<TopicPartition, KafkaLog.Bounds> bounds = log.bounds(partitions);
        for (Map.Entry<TopicPartition, Long> e : offsets.offsets().entrySet()) {
          KafkaLog.Bounds b = bounds.get(e.getKey());
          if (b == null) {
            throw new JobCheckpoint.OneLine(
                "partition "
                    + e.getKey()
                    + " does not exist on "
                    + kafka.bootstrap()
                    + " (or Kafka did not answer: "
                    + log.unreachable()
                    + ")");
          }
          if (e.getValue() < b.start() || e.getValue() > b.end()) {
            throw new JobCheckpoint.OneLine(
                "offset "
                    + e.getValue()
                    + " of "
                    + e.getKey()
                    + " is outside its log, "
                    + b.start()
                    + ".."
                    + b.end()
                    + ": choose one in that range");
          }
        }
      }
    }

    /** {@code <checkpoint>.reset-<time>}, numbered when a reset in the same second took it. */
    private static Path aside(FileSystem fs, String checkpoint) throws java.io.IOException {
      String base = checkpoint.replaceAll("/+$", "") + ".reset-" + ASIDE.format(Instant.now());
      Path aside = new Path(base);
      for (int n = 2; fs.exists(aside); n++) {
        aside = new Path(base + "-" + n);
      }
      return aside;
    }
  }
}
