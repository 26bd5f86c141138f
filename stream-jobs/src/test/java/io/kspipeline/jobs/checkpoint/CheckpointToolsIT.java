package io.kspipeline.jobs.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.jobs.dstream.ErrorLinesCommand;
import io.kspipeline.jobs.dstream.ManualBatches;
import io.kspipeline.jobs.structured.StatusCountsCommand;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import io.kspipeline.testsupport.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code checkpoint inspect} and {@code reset} on the embedded KRaft broker: a Structured job's
 * offsets beside the partitions' logs, a reset where its checkpoint stopped (the job then counts
 * only what came after, its table's ledger forgetting the old checkpoint's batches), a reset to a
 * time, offsets refused with what to type; a DStream job's checkpoint and consumer group, reset to
 * a time. Records carry explicit timestamps, so a time between them splits them exactly.
 */
class CheckpointToolsIT {
  @RegisterExtension
  static final KafkaExtension KAFKA = new KafkaExtension(KafkaHarness.Mode.EMBEDDED);

  private static final String REGISTRY = "mock://checkpoint-tools-it";
  // Within the broker's retention (a week), which would delete older records at once.
  private static final Instant T1 =
      Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
  private static final Instant T0 = T1.minus(1, ChronoUnit.HOURS);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  private static String line(int status) {
    return "10.1.2.3 - - [26/Dec/2016:14:16:29 +0000] \"GET /a HTTP/1.1\" "
        + status
        + " 512 \"-\" \"curl/7.50\"";
  }

  private static void produce(String topic, int partition, Instant time, List<String> values)
      throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(KAFKA.harness().producerProperties())) {
      for (String value : values) {
        producer
            .send(new ProducerRecord<>(topic, partition, time.toEpochMilli(), null, value))
            .get();
      }
    }
  }

  /** A command's exit code and what it printed. */
  private record Run(int code, String out, String err) {}

  private static Run checkpoint(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new CheckpointCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static JsonNode inspectJson(String job, Path checkpoint) throws Exception {
    Run run =
        checkpoint(
            "inspect",
            "--job",
            job,
            "--checkpoint",
            checkpoint.toString(),
            "--bootstrap",
            KAFKA.bootstrapServers(),
            "--json");
    assertThat(run.code()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }

  private static void statusCounts(String topic, Path checkpoint, TestDatabase db)
      throws Exception {
    StatusCountsCommand command = new StatusCountsCommand();
    PipelineCommandLine.create(command)
        .parseArgs(
            "--input",
            "raw",
            "--input-topic",
            topic,
            "--trigger",
            "available-now",
            "--checkpoint",
            checkpoint.toString(),
            "--bootstrap",
            KAFKA.bootstrapServers(),
            "--registry",
            REGISTRY,
            "--jdbc-url",
            db.url(),
            "--output-topic",
            "ckpt-counts",
            "--output-format",
            "json",
            "--dead-letters",
            "console");
    SparkSession spark = SparkTestSession.get();
    QueryRunner.awaitAll(spark, command.start(spark));
  }

  private static Map<Integer, Long> counts(TestDatabase db) {
    Map<Integer, Long> counts = new TreeMap<>();
    for (Map<String, Object> row : db.query("SELECT status, hits FROM status_counts")) {
      counts.put((Integer) row.get("status"), (Long) row.get("hits"));
    }
    return counts;
  }

  private static List<String> partitions(JsonNode partitions) {
    List<String> shown = new ArrayList<>();
    for (JsonNode p : partitions) {
      shown.add(
          p.get("topic").asText()
              + "-"
              + p.get("partition").asInt()
              + " offset="
              + p.get("offset").asLong()
              + " log="
              + p.get("logStart").asLong()
              + ".."
              + p.get("logEnd").asLong()
              + " behind="
              + p.get("behind").asLong());
    }
    return shown;
  }

  @Test
  void shouldInspectAStructuredCheckpointAndResetItWhereItStopped() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic("ckpt-raw", 2);
    kafka.createTopic("ckpt-counts", 1);
    produce("ckpt-raw", 0, T0, List.of(line(200), line(200), line(200)));
    produce("ckpt-raw", 1, T0, List.of(line(200), line(200)));
    Path checkpoint = work.resolve("status-counts");

    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      statusCounts("ckpt-raw", checkpoint, db);
      assertThat(counts(db)).isEqualTo(Map.of(200, 5L));
      produce("ckpt-raw", 0, T1, List.of(line(200), line(404)));
      produce("ckpt-raw", 1, T1, List.of(line(404), line(404)));

      JsonNode report = inspectJson("status-counts", checkpoint);
      assertThat(report.get("api").asText()).isEqualTo("STRUCTURED");
      assertThat(report.get("kafka").asText()).isEqualTo(KAFKA.bootstrapServers());
      assertThat(report.at("/options/values/--input").asText()).isEqualTo("raw");
      assertThat(report.at("/options/values/--input-topic").asText()).isEqualTo("ckpt-raw");
      assertThat(report.get("queries")).hasSize(1);
      JsonNode query = report.get("queries").get(0);
      assertThat(query.get("path").asText()).isEqualTo("counts");
      assertThat(query.get("committedBatch").asLong()).isZero();
      assertThat(query.get("plannedBatch").asLong()).isZero();
      assertThat(query.at("/sqlConf/spark.sql.shuffle.partitions").asText()).isEqualTo("2");
      assertThat(query.get("sources")).hasSize(1);
      assertThat(query.at("/sources/0/kind").asText()).isEqualTo("kafka");
      assertThat(partitions(query.at("/sources/0/partitions")))
          .containsExactly(
              "ckpt-raw-0 offset=3 log=0..5 behind=2", "ckpt-raw-1 offset=2 log=0..4 behind=2");
      assertThat(query.get("state")).isNotEmpty();
      for (JsonNode operator : query.get("state")) {
        assertThat(operator.get("partitions").asInt()).isEqualTo(2);
        assertThat(operator.get("bytes").asLong()).isPositive();
      }
      assertThat(report.get("notes")).isEmpty();

      Run text =
          checkpoint(
              "inspect",
              "--job",
              "status-counts",
              "--checkpoint",
              checkpoint.toString(),
              "--bootstrap",
              KAFKA.bootstrapServers());
      assertThat(text.out().lines())
          .contains(
              "checkpoint  " + checkpoint + " (status-counts, Structured Streaming)",
              "kafka       " + KAFKA.bootstrapServers(),
              "  --input          raw",
              "  --input-topic    ckpt-raw",
              "  --kafka-writers  4",
              "query       counts  (id " + query.get("id").asText() + ")",
              "  source 0    kafka, offsets after the last committed batch:",
              "    topic     partition  offset  log start  log end  behind",
              "    ckpt-raw  0          3       0          5        2",
              "    ckpt-raw  1          2       0          4        2")
          .anyMatch(l -> l.startsWith("  last batch  0, committed "));
      System.out.println(text.out());

      Run reset =
          checkpoint(
              "reset",
              "--job",
              "status-counts",
              "--checkpoint",
              checkpoint.toString(),
              "--to",
              "checkpoint");
      assertThat(reset.code()).as(reset.err()).isZero();
      List<String> said = reset.out().lines().toList();
      assertThat(said).hasSize(3);
      assertThat(said.get(0)).matches("checkpoint reset: .* moved to .*\\.reset-\\d{8}T\\d{6}Z");
      assertThat(said.get(1))
          .isEqualTo(
              "the next start of status-counts reads ckpt-raw from offsets"
                  + " ckpt-raw:0=3,ckpt-raw:1=2; windows and state start over, with the options"
                  + " that start is given");
      assertThat(said.get(2))
          .isEqualTo(
              "the old checkpoint's options: --input raw, --input-topic ckpt-raw, --kafka-writers 4");
      Path aside = Path.of(said.get(0).substring(said.get(0).indexOf(" moved to ") + 10));
      assertThat(aside.resolve("counts/metadata")).exists();
      try (Stream<Path> left = Files.list(checkpoint)) {
        assertThat(left.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")))
            .containsExactly(JobCheckpoint.START_FILE);
      }
      assertThat(inspectJson("status-counts", checkpoint).get("reset").get("pending").asBoolean())
          .isTrue();

      statusCounts("ckpt-raw", checkpoint, db);

      // Only the records after where the old checkpoint stopped, counted afresh.
      assertThat(counts(db)).isEqualTo(Map.of(200, 1L, 404, 3L));
      JsonNode after = inspectJson("status-counts", checkpoint);
      assertThat(after.get("reset").get("pending").asBoolean()).isFalse();
      assertThat(partitions(after.at("/queries/0/sources/0/partitions")))
          .containsExactly(
              "ckpt-raw-0 offset=5 log=0..5 behind=0", "ckpt-raw-1 offset=4 log=0..4 behind=0");
    }
  }

  @Test
  void shouldResetAStructuredJobToATimeAndRefuseOffsetsThatNameTooLittle() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic("ckpt-time", 2);
    kafka.createTopic("ckpt-counts", 1);
    produce("ckpt-time", 0, T0, List.of(line(200), line(200)));
    produce("ckpt-time", 1, T0, List.of(line(200)));
    produce("ckpt-time", 0, T1, List.of(line(503)));
    produce("ckpt-time", 1, T1, List.of(line(503), line(404)));
    Path checkpoint = work.resolve("status-counts");
    String[] reset = {
      "reset",
      "--job",
      "status-counts",
      "--checkpoint",
      checkpoint.toString(),
      "--bootstrap",
      KAFKA.bootstrapServers(),
      "--to"
    };

    Run missing = checkpoint(append(reset, "ckpt-time:0=1"));
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err().strip())
        .isEqualTo(
            "reset: ckpt-time has 2 partitions: --to names every one, add ckpt-time:1=OFFSET");
    Run outside = checkpoint(append(reset, "ckpt-time:0=1,ckpt-time:1=9"));
    assertThat(outside.code()).isEqualTo(1);
    assertThat(outside.err().strip())
        .isEqualTo(
            "reset: offset 9 of ckpt-time-1 is outside its log, 0..3: choose one in that range");
    assertThat(checkpoint).doesNotExist();

    Run toTime = checkpoint(append(reset, T1.toString()));
    assertThat(toTime.code()).as(toTime.err()).isZero();
    assertThat(toTime.out().lines())
        .containsExactly(
            "checkpoint reset: " + checkpoint + " did not exist; created it",
            "the next start of status-counts reads its Kafka input from the first record of each"
                + " partition at or after "
                + T1
                + " (the end of a partition with none); windows and state start over, with the"
                + " options that start is given");
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      statusCounts("ckpt-time", checkpoint, db);

      assertThat(counts(db)).isEqualTo(Map.of(404, 1L, 503, 2L));
    }
  }

  private static String[] append(String[] args, String last) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }

  private ErrorLinesCommand errorLines(Path checkpoint) {
    ErrorLinesCommand command = new ErrorLinesCommand();
    PipelineCommandLine.create(command)
        .parseArgs(
            "--input-topic",
            "ckpt-lines",
            "--output-topic",
            "ckpt-errors",
            "--checkpoint",
            checkpoint.toString(),
            "--batch",
            "1s",
            "--bootstrap",
            KAFKA.bootstrapServers(),
            "--registry",
            REGISTRY,
            // What is checked is where the reset makes the job read again; its manual clock
            // starts over at each start, and exactly-once writers would take the replayed batch
            // times for batches they hold.
            "--kafka-output",
            "at-least-once");
    return command;
  }

  /** The offset the error-lines group committed on a partition; -1 for none. */
  private static long committed(TopicPartition partition) throws Exception {
    OffsetAndMetadata committed =
        KAFKA
            .harness()
            .admin()
            .listConsumerGroupOffsets("pipeline-error-lines")
            .partitionsToOffsetAndMetadata()
            .get()
            .get(partition);
    return committed == null ? -1 : committed.offset();
  }

  private static List<String> values(String topic) {
    return KAFKA.harness().readAll(topic).stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void shouldInspectADStreamCheckpointAndResetItToATime() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic("ckpt-lines", 1);
    kafka.createTopic("ckpt-errors", 1);
    produce("ckpt-lines", 0, T0, List.of("an error at t0", "all fine"));
    produce("ckpt-lines", 0, T1, List.of("an error at t1"));
    Path checkpoint = work.resolve("error-lines");
    TopicPartition p0 = new TopicPartition("ckpt-lines", 0);

    long last;
    try (ManualBatches batches = new ManualBatches(errorLines(checkpoint)::context)) {
      last = batches.advance(1000);
      // A batch's offsets go to the group as a later batch starts: run batches until they have.
      for (int i = 0; i < 20 && committed(p0) != 3; i++) {
        last = batches.advance(1000);
      }
    }
    assertThat(committed(p0)).isEqualTo(3);
    assertThat(values("ckpt-errors")).containsExactly("an error at t0", "an error at t1");

    JsonNode report = inspectJson("error-lines", checkpoint);
    JsonNode dstream = report.get("dstream");
    assertThat(dstream.get("graph")).isNull();
    assertThat(dstream.get("batchMillis").asLong()).isEqualTo(1000);
    assertThat(dstream.get("latestCheckpoint").asText())
        .isEqualTo(Instant.ofEpochMilli(last).toString());
    assertThat(dstream.get("inputs")).hasSize(1);
    assertThat(dstream.at("/inputs/0/kind").asText()).isEqualTo("kafka");
    assertThat(partitions(dstream.at("/inputs/0/resumeAt")))
        .containsExactly("ckpt-lines-0 offset=3 log=0..3 behind=0");
    assertThat(dstream.at("/group/id").asText()).isEqualTo("pipeline-error-lines");
    assertThat(partitions(dstream.at("/group/committed")))
        .containsExactly("ckpt-lines-0 offset=3 log=0..3 behind=0");
    assertThat(report.at("/options/values/--input-topic").asText()).isEqualTo("ckpt-lines");
    Run text =
        checkpoint(
            "inspect",
            "--job",
            "error-lines",
            "--checkpoint",
            checkpoint.toString(),
            "--bootstrap",
            KAFKA.bootstrapServers());
    System.out.println(text.out());
    assertThat(text.out().lines())
        .contains(
            "checkpoint  " + checkpoint + " (error-lines, DStream)",
            "batch       1s",
            "input 0     kafka, the offsets the job resumes at:",
            "  topic       partition  offset  log start  log end  behind",
            "  ckpt-lines  0          3       0          3        0",
            "group       pipeline-error-lines, offsets committed after each batch's outputs:",
            "  topic       partition  committed  log start  log end  behind",
            "  ckpt-lines  0          3          0          3        0");

    Run reset =
        checkpoint(
            "reset",
            "--job",
            "error-lines",
            "--checkpoint",
            checkpoint.toString(),
            "--to",
            T1.toString());
    assertThat(reset.code()).as(reset.err()).isZero();
    assertThat(reset.out().lines().toList().get(1))
        .isEqualTo(
            "the next start of error-lines reads ckpt-lines from the first record of each"
                + " partition at or after "
                + T1
                + " (the end of a partition with none); windows and state start over, with the"
                + " options that start is given");

    try (ManualBatches batches = new ManualBatches(errorLines(checkpoint)::context)) {
      batches.advance(1000);
    }
    assertThat(values("ckpt-errors"))
        .containsExactly("an error at t0", "an error at t1", "an error at t1");
  }
}
