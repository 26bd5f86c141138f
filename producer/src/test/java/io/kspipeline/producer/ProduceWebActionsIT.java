package io.kspipeline.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.producer.source.GeneratedWebActions;
import io.kspipeline.producer.source.InputLine;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.testsupport.KafkaExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The web-action producer against a real broker: a file's lines checked and rewritten, sessions.
 */
class ProduceWebActionsIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final String REGISTRY = "mock://produce-web-actions-it";

  @TempDir Path dir;

  private String produce(String... args) {
    StringWriter output = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new ProduceCommand());
    cli.setOut(new PrintWriter(output));
    cli.setErr(new PrintWriter(output));
    List<String> all =
        new ArrayList<>(
            List.of(
                "web-actions",
                "--bootstrap",
                KAFKA.bootstrapServers(),
                "--progress",
                "none",
                "--registry",
                REGISTRY));
    all.addAll(List.of(args));
    assertThat(cli.execute(all.toArray(String[]::new))).as(output.toString()).isZero();
    return output.toString();
  }

  /** "key value" of each record, in order (one partition). */
  private static List<String> records(String topic) {
    return KAFKA.harness().readAll(topic).stream()
        .map(r -> text(r.key()) + " " + text(r.value()))
        .toList();
  }

  private static String text(byte[] bytes) {
    return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void shouldPublishEachWebActionInOneFormKeyedByUserAndDeadLetterTheRest() throws Exception {
    Path file =
        Files.write(
            dir.resolve("actions.jsonl"),
            List.of(
                "{\"action\":\"Open\",\"time\":\"2026-03-01T10:00:00Z\",\"userId\":\"u1\"}",
                "{\"userId\":\"u2\",\"page\":\"/\",\"action\":\"Search\","
                    + "\"time\":\"2026-03-01T11:00:05+01:00\"}",
                "{\"action\":\"Click\",\"time\":1772359210}",
                "not json",
                "{\"action\":\"Close\",\"time\":\"2026-03-01T10:00:20.5Z\",\"userId\":\"u1\"}",
                "{\"action\":\"Purchase\",\"userId\":\"u2\"}"));
    KAFKA.harness().createTopic("actions-file", 1);

    String output =
        produce("--file", file.toString(), "--topic", "actions-file", "--dlq-topic", "actions-dlq");

    assertThat(output).contains("read=6 sent=4 dead_lettered=2 failed=0 skipped=0");
    assertThat(records("actions-file"))
        .containsExactly(
            "u1 {\"action\":\"Open\",\"time\":\"2026-03-01T10:00:00Z\",\"userId\":\"u1\"}",
            "u2 {\"action\":\"Search\",\"time\":\"2026-03-01T10:00:05Z\",\"userId\":\"u2\"}",
            "null {\"action\":\"Click\",\"time\":\"2026-03-01T10:00:10Z\",\"userId\":null}",
            "u1 {\"action\":\"Close\",\"time\":\"2026-03-01T10:00:20.500Z\",\"userId\":\"u1\"}");
    ConfluentAvroDeserializer<DeadLetter> letters =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), DeadLetter.class);
    List<DeadLetter> dead =
        KAFKA.harness().readAll("actions-dlq").stream()
            .map(r -> letters.deserialize("actions-dlq", r.value()))
            .toList();
    assertThat(dead)
        .extracting(
            l ->
                dir.relativize(Path.of(l.getSourceLocation()))
                    + " "
                    + l.getStage()
                    + " "
                    + l.getErrorClass()
                    + " "
                    + l.getErrorMessage()
                    + " "
                    + StandardCharsets.UTF_8.decode(l.getPayload()))
        .containsExactly(
            "actions.jsonl:4 produce web-actions WebActionParseError bad JSON near column 4:"
                + " Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or"
                + " token 'null', 'true' or 'false') not json",
            "actions.jsonl:6 produce web-actions WebActionParseError missing \"time\""
                + " {\"action\":\"Purchase\",\"userId\":\"u2\"}");
  }

  @Test
  void shouldPublishTheSeededSessionsWithEventTimesOneRateStepApart() {
    KAFKA.harness().createTopic("actions-generated", 1);

    String output =
        produce(
            "--generate",
            "--count",
            "300",
            "--seed",
            "5",
            "--event-time-rate",
            "40",
            "--topic",
            "actions-generated");

    assertThat(output).contains("read=300 sent=300 dead_lettered=0 failed=0");
    List<ConsumerRecord<byte[], byte[]>> records = KAFKA.harness().readAll("actions-generated");
    // The same seed's lines, whatever the start: keyed by their user, times 1/40 s apart.
    GeneratedWebActions seeded = new GeneratedWebActions(5, 300, Instant.EPOCH, 40);
    List<String> expected = new ArrayList<>();
    for (InputLine line = seeded.next(); line != null; line = seeded.next()) {
      expected.add(line.text().replaceFirst("\"time\":\"[^\"]+\"", "\"time\":T"));
    }
    assertThat(records)
        .extracting(r -> text(r.value()).replaceFirst("\"time\":\"[^\"]+\"", "\"time\":T"))
        .containsExactlyElementsOf(expected);
    assertThat(records)
        .allSatisfy(r -> assertThat(text(r.value())).contains("\"userId\":\"" + text(r.key())));
    Instant first = time(records.get(0));
    assertThat(records)
        .extracting(ProduceWebActionsIT::time)
        .containsExactlyElementsOf(
            IntStream.range(0, 300).mapToObj(i -> first.plus(Duration.ofMillis(25L * i))).toList());
  }

  private static Instant time(ConsumerRecord<byte[], byte[]> record) {
    String value = text(record.value());
    int at = value.indexOf("\"time\":\"") + 8;
    return Instant.parse(value.substring(at, value.indexOf('"', at)));
  }
}
