package io.kspipeline.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.testsupport.KafkaExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProduceAccessLogsIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  @TempDir Path dir;

  private static String line(int i) {
    return "10.0.0."
        + (i % 7)
        + " - - [29/Nov/2015:03:50:05 +0000] \"GET /page/"
        + i
        + " HTTP/1.1\" 200 "
        + i;
  }

  @Test
  void shouldPublishEveryLineOfPlainAndGzipFilesInOrder() throws IOException {
    List<String> first = IntStream.range(0, 500).mapToObj(ProduceAccessLogsIT::line).toList();
    List<String> second = IntStream.range(500, 800).mapToObj(ProduceAccessLogsIT::line).toList();
    Path plain = dir.resolve("access.log");
    Files.write(plain, first);
    Path gz = dir.resolve("access.log.1.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((String.join("\n", second) + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
    KAFKA.harness().createTopic("raw-order", 1);

    StringWriter output = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new ProduceCommand());
    cli.setOut(new PrintWriter(output));
    int exit =
        cli.execute(
            "access-logs",
            "--bootstrap",
            KAFKA.bootstrapServers(),
            "--topic",
            "raw-order",
            "--file",
            plain.toString(),
            "--file",
            gz.toString());

    assertThat(exit).isZero();
    assertThat(output.toString()).contains("read=801 sent=800 skipped_blank=1 failed=0");
    List<ConsumerRecord<byte[], byte[]>> records = KAFKA.harness().readAll("raw-order");
    assertThat(records)
        .extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
        .containsExactlyElementsOf(concat(first, second));
    assertThat(new String(records.get(3).key(), StandardCharsets.UTF_8)).isEqualTo("10.0.0.3");
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
    assertThat(err.toString()).contains("nope.log");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
