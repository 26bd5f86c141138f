package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.AccessLogRecords;
import io.kspipeline.jobs.DeadLetterTopics;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.KafkaOutputOptions.Delivery;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.api.java.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * error-lines, the seed's first example: lines containing "error" from a topic of raw lines,
 * forwarded with their source coordinates as keys, also across a restart from the checkpoint;
 * server errors of Avro events with every kind of unreadable record dead-lettered; and the seed's
 * own source, a TCP text socket.
 */
class ErrorLinesJobIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String REGISTRY = "mock://error-lines-it";

  @TempDir Path checkpoints;

  /** The restart tests' input: two batches, then what comes while the job is stopped. */
  private static final List<String> FIRST = List.of("GET /a 200", "an error in the first batch");

  private static final List<String> SECOND = List.of("an error in the second batch", "GET /b 200");
  private static final List<String> WHILE_STOPPED =
      List.of("an error while stopped", "GET /c 200", "error again");

  private ErrorLinesCommand command(String input, String output, String checkpoint) {
    return arguments(input, output, checkpoint).build().configure(new ErrorLinesCommand());
  }

  private JobArguments.Builder arguments(String input, String output, String checkpoint) {
    return JobArguments.builder()
        .bootstrap(KAFKA.bootstrapServers())
        .registry(REGISTRY)
        .checkpoint(checkpoints.resolve(checkpoint))
        .flag("--console")
        .batch(Duration.ofSeconds(1))
        .inputTopic(input)
        .outputTopic(output);
  }

  /** The topic's records as "key value" (UTF-8), in order. */
  private static List<String> keyedLines(List<ConsumerRecord<byte[], byte[]>> records) {
    List<String> lines = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      lines.add(
          new String(r.key(), StandardCharsets.UTF_8)
              + " "
              + new String(r.value(), StandardCharsets.UTF_8));
    }
    return lines;
  }

  /** "topic/0/offset line" of the lines containing "error", their offsets from {@code first}. */
  private static List<String> errorLines(String topic, long first, List<String> lines) {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("error")) {
        expected.add(topic + "/0/" + (first + i) + " " + lines.get(i));
      }
    }
    return expected;
  }

  private static List<String> lines(List<ConsumerRecord<byte[], byte[]>> records) {
    List<String> lines = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      lines.add(new String(r.value(), StandardCharsets.UTF_8));
    }
    return lines;
  }

  @Test
  void shouldForwardTheLinesThatContainErrorWithWhereTheyCameFrom() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic("el-raw", 1);
    kafka.createTopic("el-out", 1);
    kafka.produceValues(
        "el-raw",
        List.of(
            "10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] \"GET /a HTTP/1.1\" 200 5",
            "[Mon Jan 01 00:00:01 2024] [error] client denied by server configuration",
            "ERROR in upper case does not match by default",
            "10.0.0.2 - - [01/Jan/2024:00:00:02 +0000] \"GET /error-page HTTP/1.1\" 404 9"));
    try (ManualBatches batches = new ManualBatches(command("el-raw", "el-out", "kafka")::context)) {
      batches.advance(1000);
    }
    // Exactly-once writers commit a batch's keys in shares, so only each key's order is kept.
    assertThat(keyedLines(kafka.readAll("el-out")))
        .containsExactlyInAnyOrder(
            "el-raw/0/1 [Mon Jan 01 00:00:01 2024] [error] client denied by server configuration",
            "el-raw/0/3 10.0.0.2 - - [01/Jan/2024:00:00:02 +0000] \"GET /error-page HTTP/1.1\" 404"
                + " 9");
  }

  @Test
  void shouldResumeFromTheCheckpointWithoutLosingOrRepeatingALine() throws Exception {
    String input = "el-restart-raw";

    List<String> written = resumeAfterStop(input, "el-restart-out", Delivery.EXACTLY_ONCE);

    // Restored, Spark runs the batch of its last checkpoint again: its writers' markers hold it,
    // so it is not written again. Then what came while the job was stopped, each line once; the
    // first batch is not read again.
    List<String> expected = new ArrayList<>(errorLines(input, 0, FIRST));
    expected.addAll(errorLines(input, FIRST.size(), SECOND));
    expected.addAll(errorLines(input, FIRST.size() + SECOND.size(), WHILE_STOPPED));
    // Each line once; a batch's lines of different writers may commit in either order.
    assertThat(written).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void shouldWriteTheReplayedBatchAgainWhenAtLeastOnce() throws Exception {
    String input = "el-alo-raw";

    List<String> written = resumeAfterStop(input, "el-alo-out", Delivery.AT_LEAST_ONCE);

    // The same keys and lines again: the replayed batch's offsets had not been committed either.
    List<String> expected = new ArrayList<>(errorLines(input, 0, FIRST));
    List<String> secondLines = errorLines(input, FIRST.size(), SECOND);
    expected.addAll(secondLines);
    expected.addAll(secondLines);
    expected.addAll(errorLines(input, FIRST.size() + SECOND.size(), WHILE_STOPPED));
    assertThat(written).containsExactlyElementsOf(expected);
  }

  /** Two batches, a stop, lines produced meanwhile, a restart from the checkpoint: the output. */
  private List<String> resumeAfterStop(String input, String output, Delivery delivery)
      throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic(input, 1);
    kafka.createTopic(output, 1);
    try (ManualBatches batches =
        new ManualBatches(command(input, output, input, delivery)::context)) {
      kafka.produceValues(input, FIRST);
      batches.advance(1000);
      kafka.produceValues(input, SECOND);
      batches.advance(1000);
    }
    kafka.produceValues(input, WHILE_STOPPED);
    try (ManualBatches batches =
        new ManualBatches(command(input, output, input, delivery)::context)) {
      batches.advance(1000);
    }
    return keyedLines(kafka.readAll(output));
  }

  private ErrorLinesCommand command(
      String input, String output, String checkpoint, Delivery delivery) {
    return arguments(input, output, checkpoint)
        .option("--kafka-output", delivery)
        .build()
        .configure(new ErrorLinesCommand());
  }

  @Test
  void shouldDeadLetterEveryKindOfUnreadableEventWithItsProvenanceUnderServerErrors()
      throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    String input = "el-events";
    kafka.createTopic(input, 1);
    kafka.createTopic("el-events-out", 1);
    kafka.createTopic("el-events-dlq", 1);
    String served = AccessLogRecords.line("/a", 200);
    String failed = AccessLogRecords.line("/b", 503);
    String notFound = AccessLogRecords.line("/c", 404);
    String crashed = AccessLogRecords.line("/d", 500);
    byte[] trailingBytes =
        concat(AccessLogRecords.framed(REGISTRY, input, crashed), new byte[] {7});
    // At offsets 0 to 8; unreadable: each kind a decoder rejects (offset → its error class).
    List<byte[]> values =
        Arrays.asList(
            AccessLogRecords.framed(REGISTRY, input, served),
            "not avro".getBytes(StandardCharsets.UTF_8),
            AccessLogRecords.framed(REGISTRY, input, failed),
            new byte[] {0, 0},
            null,
            AccessLogRecords.framed(REGISTRY, input, notFound),
            new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 2},
            trailingBytes,
            AccessLogRecords.framed(REGISTRY, input, crashed));
    Map<Long, String> unreadable =
        Map.of(
            1L, "UnknownMagicByte",
            3L, "TruncatedFrame",
            4L, "NullValue",
            6L, "UnknownSchemaId",
            7L, "MalformedPayload");
    kafka.produceBytes(input, values);

    ManualBatches.runOneBatch(
        arguments(input, "el-events-out", "server-errors")
                .flag("--server-errors")
                .build()
                .configure(new ErrorLinesCommand())
            ::context);

    // The rest of the batch: the server errors among the readable events, as their lines.
    assertThat(keyedLines(kafka.readAll("el-events-out")))
        .containsExactly(input + "/0/2 " + failed, input + "/0/8 " + crashed);
    List<ConsumerRecord<byte[], byte[]>> read = kafka.readAll(input);
    // Each with its provenance, the class of error above and the reason the job's decoder gave.
    Function<SourceRecord, KeyedRecord> decoder =
        RecordDecoders.serverErrors(Map.of("schema.registry.url", REGISTRY));
    List<DeadLetter> expected = new ArrayList<>();
    for (long offset : new TreeSet<>(unreadable.keySet())) {
      ConsumerRecord<byte[], byte[]> record = read.get((int) offset);
      expected.add(
          DeadLetterTopics.expected(
              record,
              ErrorLinesJob.NAME,
              unreadable.get(offset),
              decoder.call(SourceRecord.of(record)).error()));
    }
    List<ConsumerRecord<byte[], byte[]>> dlq = kafka.readAll("el-events-dlq");
    assertThat(dlq).allSatisfy(r -> assertThat(r.key()).as("the input record's key").isNull());
    List<DeadLetter> dead = DeadLetterTopics.read(REGISTRY, "el-events-dlq", dlq);
    assertThat(dead).containsExactlyElementsOf(expected);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  @Test
  void shouldReadATextSocketAsTheSeedDoes() throws Exception {
    KAFKA.harness().createTopic("el-socket-out", 1);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // The receiver connects when the context starts; the lines go out as it does (nc -lk).
      CompletableFuture<Void> feed =
          CompletableFuture.runAsync(
              () -> {
                try (Socket client = server.accept();
                    OutputStream out = client.getOutputStream()) {
                  out.write(
                      "all good\nan error here\nanother error there\n"
                          .getBytes(StandardCharsets.UTF_8));
                  out.flush();
                  client.getInputStream().read(); // hold the connection until the job stops
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      ErrorLinesCommand command =
          arguments(null, "el-socket-out", "socket")
              .option("--socket", "127.0.0.1:" + server.getLocalPort())
              .build()
              .configure(new ErrorLinesCommand());
      try (ManualBatches batches = new ManualBatches(command::context)) {
        // The receiver hands its lines over as blocks in its own time: run batches until they
        // arrive (bounded), each one a clock advance rather than a sleep.
        for (int i = 0; i < 600 && KAFKA.harness().readAll("el-socket-out").size() < 2; i++) {
          batches.advance(1000);
        }
      }
      assertThat(lines(KAFKA.harness().readAll("el-socket-out")))
          .containsExactly("an error here", "another error there");
      assertThat(KAFKA.harness().readAll("el-socket-out").get(0).key()).isNull();
      feed.cancel(true);
    }
  }
}
