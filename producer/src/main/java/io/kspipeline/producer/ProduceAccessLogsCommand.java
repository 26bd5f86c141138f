package io.kspipeline.producer;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.schemas.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code produce access-logs}: publishes web-server access-log lines to Kafka. */
@Command(
    name = "access-logs",
    mixinStandardHelpOptions = true,
    description = "Publish access-log lines (Apache/nginx) to Kafka, one record per line.",
    footer = {
      "",
      "Examples:",
      "  pipeline produce access-logs --file /var/log/nginx/access.log --bootstrap kafka:9092",
      "  pipeline produce access-logs --file a.log --file b.log.gz --topic my-raw-logs"
    })
public final class ProduceAccessLogsCommand implements Callable<Integer> {
  /** What is written to the topic. */
  public enum Format {
    /** Each line as UTF-8 text, keyed by its first field (client address or virtual host). */
    raw
  }

  @Spec CommandSpec spec;

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Option(
      names = "--file",
      required = true,
      paramLabel = "FILE",
      description = "Log file to publish (plain or .gz); repeatable, read in order.")
  List<Path> files;

  @Option(
      names = "--topic",
      defaultValue = Topics.ACCESS_LOGS_RAW,
      description = "Topic to publish to (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--format",
      defaultValue = "raw",
      description = "Record format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Producer<String, String> producer =
        new KafkaProducer<>(ProducerSettings.reliable(kafka.clientProperties()));
    ProduceSummary summary;
    try (RecordPublisher<String, String> publisher = new RecordPublisher<>(producer)) {
      summary = publish(publisher);
      publisher.flush();
      summary = summary.withDelivery(publisher.acknowledged(), publisher.failed());
      if (publisher.firstFailure() != null) {
        spec.commandLine()
            .getErr()
            .println("produce: sends failed, first error: " + publisher.firstFailure());
      }
    }
    out.println(summary.line(topic));
    return summary.failed() == 0 ? 0 : 1;
  }

  private ProduceSummary publish(RecordPublisher<String, String> publisher) throws IOException {
    long read = 0;
    long skipped = 0;
    for (Path file : files) {
      try (BufferedReader in = LineReader.open(file)) {
        String line;
        while ((line = in.readLine()) != null) {
          read++;
          if (line.isBlank()) {
            skipped++;
            continue;
          }
          publisher.send(topic, firstField(line), line);
        }
      }
    }
    return new ProduceSummary(read, skipped, 0, 0);
  }

  /** The key: the line's first field, so one client's lines stay in order on one partition. */
  static String firstField(String line) {
    int space = line.indexOf(' ');
    return space < 0 ? line : line.substring(0, space);
  }
}
