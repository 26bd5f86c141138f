package io.kspipeline.producer;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.producer.encode.RawLineEncoder;
import io.kspipeline.producer.run.RecordEncoder;
import io.kspipeline.producer.source.GeneratedAccessLogs;
import io.kspipeline.producer.source.LineSource;
import io.kspipeline.schemas.Topics;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code produce access-logs}: publishes web-server access logs to Kafka. */
@Command(
    name = "access-logs",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Publish access-log lines (Apache/nginx common or combined format) to Kafka.",
      "Lines that cannot be published go to the dead-letter topic with the reason; the summary"
          + " accounts for every line read (sent + dead-lettered + failed = read)."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline produce access-logs --file /var/log/nginx/access.log --bootstrap kafka:9092",
      "  pipeline produce access-logs --file 'logs/access.log*' --replay-speed 10",
      "  pipeline produce access-logs --follow /var/log/nginx/access.log",
      "  tail -F access.log | pipeline produce access-logs --stdin",
      "  pipeline produce access-logs --generate --rate 500 --duration 5m --seed 7"
    })
public final class ProduceAccessLogsCommand implements Callable<Integer> {
  static final String STAGE = "produce access-logs";

  /** What is written to the topic. */
  public enum Format {
    /** Each line as UTF-8 text to access-logs-raw. */
    raw
  }

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = false, multiplicity = "1", heading = "Input:%n")
  SourceOptions source = new SourceOptions();

  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin ProducerOptions producer = new ProducerOptions();

  @Option(
      names = "--format",
      defaultValue = "raw",
      description = "Record format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--topic", description = "Topic to publish to (default: access-logs-raw).")
  String topic;

  @Option(
      names = "--dlq-topic",
      defaultValue = Topics.ACCESS_LOGS_DLQ,
      description = "Dead-letter topic (default: ${DEFAULT-VALUE}).")
  String deadLetterTopic;

  @Option(
      names = "--events-per-second",
      defaultValue = "100",
      description =
          "With --generate: spacing of generated event times (default: ${DEFAULT-VALUE}).")
  double eventsPerSecond;

  @Override
  public Integer call() throws Exception {
    String target = topic != null ? topic : Topics.ACCESS_LOGS_RAW;
    RecordEncoder encoder = new RawLineEncoder();
    LineSource input =
        source.generate()
            ? new GeneratedAccessLogs(source.seed(), source.count(), Instant.now(), eventsPerSecond)
            : source.open();
    return ProducerLauncher.run(
        STAGE,
        input,
        encoder,
        target,
        deadLetterTopic,
        kafka,
        producer,
        source,
        source.count(),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
