package io.kspipeline.producer;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.ParseOutcome;
import io.kspipeline.producer.source.GeneratedAccessLogs;
import io.kspipeline.producer.source.InputLine;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.testsupport.KafkaExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The access-log producer against a real broker: every line is accounted for. */
class ProduceAccessLogsIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final Pattern SUMMARY =
      Pattern.compile("read=(\\d+) sent=(\\d+) dead_lettered=(\\d+) failed=(\\d+)");

  @TempDir Path dir;

  private static String line(int i) {
    return "10.0.0."
        + (i % 7)
        + " - - [29/Nov/2015:03:50:05 +0000] \"GET /page/"
        + i
        + " HTTP/1.1\" 200 "
        + i;
  }

  private String produce(String... args) {
    StringWriter output = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new ProduceCommand());
    cli.setOut(new PrintWriter(output));
    cli.setErr(new PrintWriter(output));
    List<String> all =
        new ArrayList<>(
            List.of("access-logs", "--bootstrap", KAFKA.bootstrapServers(), "--progress", "none"));
    all.addAll(List.of(args));
    int exit = cli.execute(all.toArray(String[]::new));
    assertThat(exit).as(output.toString()).isZero();
    return output.toString();
  }

  @Test
  void shouldPublishEveryLineOfPlainGzipAndGlobbedFilesInOrder() throws IOException {
    List<String> first = IntStream.range(0, 500).mapToObj(ProduceAccessLogsIT::line).toList();
    List<String> second = IntStream.range(500, 800).mapToObj(ProduceAccessLogsIT::line).toList();
    Files.write(dir.resolve("access.log"), first);
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(dir.resolve("access.log.1.gz")))) {
      out.write((String.join("\n", second) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
    KAFKA.harness().createTopic("raw-order", 1);

    String output =
        produce(
            "--format",
            "raw",
            "--topic",
            "raw-order",
            "--dlq-topic",
            "raw-order-dlq",
            "--registry",
            "mock://produce-it",
            "--file",
            dir.resolve("access.log").toString(),
            "--file",
            dir.resolve("access.log.*.gz").toString());

    assertThat(output).contains("read=801 sent=800 dead_lettered=1 failed=0");
    List<ConsumerRecord<byte[], byte[]>> records = KAFKA.harness().readAll("raw-order");
    assertThat(records)
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(Stream.concat(first.stream(), second.stream()).toList());
    assertThat(new String(records.get(3).key(), StandardCharsets.UTF_8)).isEqualTo("10.0.0.3");

    List<ConsumerRecord<byte[], byte[]>> dead = KAFKA.harness().readAll("raw-order-dlq");
    DeadLetter letter =
        ConfluentAvroDeserializer.forClass(
                SchemaRegistries.connect("mock://produce-it"), DeadLetter.class)
            .deserialize("raw-order-dlq", dead.get(0).value());
    assertThat(letter.getErrorMessage()).isEqualTo("empty line");
    assertThat(letter.getSourceLocation()).endsWith("access.log.1.gz:301");
    assertThat(letter.getStage()).isEqualTo("produce access-logs");
  }

  @Test
  void shouldGenerateExactlyTheRequestedCount() {
    KAFKA.harness().createTopic("generated", 2);
    String output =
        produce(
            "--generate",
            "--count",
            "2000",
            "--seed",
            "5",
            "--topic",
            "generated",
            "--dlq-topic",
            "generated-dlq",
            "--registry",
            "mock://produce-it");

    Matcher m = SUMMARY.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    assertThat(Long.parseLong(m.group(1))).isEqualTo(2000);
    long sent = Long.parseLong(m.group(2));
    long deadLettered = Long.parseLong(m.group(3));
    assertThat(sent + deadLettered).isEqualTo(2000);
    assertThat(deadLettered)
        .as("the generator's unparseable lines")
        .isEqualTo(unparseable(5, 2000));
    assertThat(KAFKA.harness().readAll("generated")).hasSize((int) sent);
    assertThat(KAFKA.harness().readAll("generated-dlq")).hasSize((int) deadLettered);
  }

  @Test
  void shouldParseAtTheEdgeIntoAvroAndDeadLetterWhatDoesNotParse() throws IOException {
    Path log = dir.resolve("mixed.log");
    Files.write(
        log,
        List.of(
            "www.example.com:443 2001:db8::1 - frank [26/Dec/2016:14:16:29 +0100] \"GET /a HTTP/1.1\" 200 512 \"-\" \"curl/8\"",
            "10.0.0.2 - - [26/Dec/2016:14:16:30 +0000] \"-\" 408 -",
            "10.0.0.3 - - [26/Dec/2016:14:16:31 +0000] \"GET /b HTTP/1.1\" 2x0 5",
            "10.0.0.4 - - [26/Dec/2016:14:16:32 +0000] \"GET /c HTTP/1.1\" 404 -"));
    KAFKA.harness().createTopic("events", 1);

    String output =
        produce(
            "--file",
            log.toString(),
            "--topic",
            "events",
            "--dlq-topic",
            "events-dlq",
            "--registry",
            "mock://produce-it");

    assertThat(output).contains("read=4 sent=3 dead_lettered=1 failed=0");
    ConfluentAvroDeserializer<AccessLogEvent> events =
        ConfluentAvroDeserializer.forClass(
            SchemaRegistries.connect("mock://produce-it"), AccessLogEvent.class);
    List<ConsumerRecord<byte[], byte[]>> records = KAFKA.harness().readAll("events");
    AccessLogEvent first = events.deserialize("events", records.get(0).value());
    assertThat(first.getVirtualHost()).isEqualTo("www.example.com:443");
    assertThat(first.getClientIp()).isEqualTo("2001:db8::1");
    assertThat(first.getUserId()).isEqualTo("frank");
    assertThat(first.getTimestamp()).isEqualTo(java.time.Instant.parse("2016-12-26T13:16:29Z"));
    assertThat(first.getContentSize()).isEqualTo(512L);
    assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo("2001:db8::1");
    AccessLogEvent timeout = events.deserialize("events", records.get(1).value());
    assertThat(timeout.getStatus()).isEqualTo(408);
    assertThat(timeout.getMethod()).isNull();
    assertThat(events.deserialize("events", records.get(2).value()).getContentSize()).isNull();

    DeadLetter letter =
        ConfluentAvroDeserializer.forClass(
                SchemaRegistries.connect("mock://produce-it"), DeadLetter.class)
            .deserialize("events-dlq", KAFKA.harness().readAll("events-dlq").get(0).value());
    assertThat(letter.getErrorMessage()).contains("status");
    assertThat(letter.getSourceLocation()).endsWith("mixed.log:3");
  }

  @Test
  void shouldFollowAFileAcrossRotationAndARestartWithoutLossOrRepeats() throws Exception {
    KAFKA.harness().createTopic("followed", 1);
    Path log = dir.resolve("access.log");
    Path positions = dir.resolve("access.position");
    Files.write(log, List.of(line(1), line(2), line(3)));
    String[] args = {
      "access-logs",
      "--follow",
      log.toString(),
      "--position-file",
      positions.toString(),
      "--format",
      "raw",
      "--topic",
      "followed",
      "--registry",
      dir.toUri().toString(),
      "--progress",
      "none",
      "--bootstrap",
      KAFKA.bootstrapServers()
    };

    Process first = startProducer(args);
    awaitRecords("followed", 3);
    first.toHandle().destroy();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

    // While the producer is down the file grows, then rotates.
    Files.write(log, List.of(line(4)), java.nio.file.StandardOpenOption.APPEND);
    Process second = startProducer(args);
    awaitRecords("followed", 4);
    Files.move(log, dir.resolve("access.log.1"));
    Files.write(log, List.of(line(5), line(6)));
    awaitRecords("followed", 6);
    second.toHandle().destroy();
    assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(KAFKA.harness().readAll("followed"))
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactly(line(1), line(2), line(3), line(4), line(5), line(6));
  }

  private static Process startProducer(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ProducerMain.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Waits until the topic holds at least n records (a minute at most). */
  private static void awaitRecords(String topic, int n) {
    eventually(
        n + " records in " + topic,
        Duration.ofSeconds(60),
        () -> KAFKA.harness().readAll(topic).size() >= n);
  }

  /** The generator's lines for this seed that the parser refuses, as the producer must. */
  private static long unparseable(long seed, int count) {
    GeneratedAccessLogs lines = new GeneratedAccessLogs(seed, count, Instant.EPOCH, 1);
    long refused = 0;
    for (InputLine line = lines.next(); line != null; line = lines.next()) {
      if (!(AccessLogParser.autoDetecting().parse(line.text()) instanceof ParseOutcome.Parsed)) {
        refused++;
      }
    }
    return refused;
  }

  @Test
  void shouldFailWithAClearMessageWhenTheFileIsMissing() {
    StringWriter err = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new ProduceCommand());
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "access-logs",
            "--bootstrap",
            KAFKA.bootstrapServers(),
            "--file",
            dir.resolve("nope.log").toString());

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("NoSuchFileException", "nope.log").doesNotContain("\tat ");
  }

  @Test
  void shouldFlushEverythingReadWhenTerminated() throws Exception {
    KAFKA.harness().createTopic("sigterm", 2);
    Process producer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ProducerMain.class.getName(),
                "access-logs",
                "--generate",
                "--rate",
                "3000",
                "--topic",
                "sigterm",
                "--registry",
                dir.toUri().toString(),
                "--progress",
                "none",
                "--bootstrap",
                KAFKA.bootstrapServers())
            .redirectErrorStream(true)
            .start();
    List<String> output = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(producer.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(output::add);
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.start();
    // Once the producer has sent a good part, SIGTERM it mid-stream; a producer that sends
    // nothing fails here rather than passing 0 == 0 below.
    awaitRecords("sigterm", 1000);
    // SIGTERM through the handle: Process.destroy() would also close our end of its stdout.
    producer.toHandle().destroy();
    assertThat(producer.waitFor(60, TimeUnit.SECONDS)).isTrue();
    reader.join(10_000);

    String summary =
        output.stream()
            .filter(l -> l.startsWith("produce: topic="))
            .findFirst()
            .orElseThrow(() -> new AssertionError(output));
    Matcher m = SUMMARY.matcher(summary);
    assertThat(m.find()).isTrue();
    long read = Long.parseLong(m.group(1));
    long sent = Long.parseLong(m.group(2));
    long deadLettered = Long.parseLong(m.group(3));
    assertThat(Long.parseLong(m.group(4))).isZero();
    assertThat(sent + deadLettered).isEqualTo(read);
    assertThat(KAFKA.harness().readAll("sigterm")).hasSize((int) sent);
  }
}
