package io.kspipeline.producer;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.producer.encode.AccessLogEventEncoder;
import io.kspipeline.producer.encode.RawLineEncoder;
import io.kspipeline.producer.run.RecordEncoder;
import io.kspipeline.producer.source.GeneratedAccessLogs;
import io.kspipeline.producer.source.LineSource;
import io.kspipeline.schemas.Topics;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import java.time.Instant;
import java.util.Locale;
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
    /** Parsed at the edge into AccessLogEvent (Avro, Confluent framing) to access-logs. */
    avro,
    /** Each line as UTF-8 text to access-logs-raw; the jobs parse it. */
    raw
  }

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = false, multiplicity = "1", heading = "Input:%n")
  SourceOptions source = new SourceOptions();

  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin ProducerOptions producer = new ProducerOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();

  @Option(
      names = "--format",
      defaultValue = "avro",
      description = "Record format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--topic",
      description = "Topic to publish to (default: access-logs for avro, access-logs-raw for raw).")
  String topic;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description =
          // picocli formats help texts: a LogFormat's % is written %%.
          "Apache LogFormat of the lines, e.g. '%%h %%l %%u %%t \"%%r\" %%>s %%b' or common, combined,"
              + " vhost_combined (default: detect common/combined, optional virtual host).")
  String logFormat;

  @Option(
      names = "--key",
      defaultValue = "client_ip",
      description =
          "Record key with --format avro: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  KeyField key;

  /** The record key choices, as users type them. */
  public enum KeyField {
    client_ip,
    virtual_host,
    none
  }

  @Option(
      names = "--dlq-topic",
      defaultValue = Topics.ACCESS_LOGS_DLQ,
      description = "Dead-letter topic (default: ${DEFAULT-VALUE}).")
  String deadLetterTopic;

  @Option(
      names = {SourceOptions.EVENT_TIME_RATE, "--events-per-second"},
      paramLabel = "PER_SECOND",
      defaultValue = "100",
      description = SourceOptions.EVENT_TIME_RATE_HELP + " Old name: --events-per-second.")
  double eventTimeRate;

  @Override
  public Integer call() throws Exception {
    AccessLogParser parser =
        logFormat == null
            ? AccessLogParser.autoDetecting()
            : AccessLogParser.forLogFormat(logFormat);
    String target =
        topic != null ? topic : format == Format.avro ? Topics.ACCESS_LOGS : Topics.ACCESS_LOGS_RAW;
    RecordEncoder encoder;
    if (format == Format.avro) {
      ConfluentAvroSerializer<AccessLogEvent> serializer =
          new ConfluentAvroSerializer<>(
              SchemaRegistries.connect(registry.config(kafka.clientProperties())), true);
      encoder =
          new AccessLogEventEncoder(
              parser,
              serializer,
              target,
              AccessLogEventEncoder.Key.valueOf(key.name().toUpperCase(Locale.ROOT)));
    } else {
      encoder = new RawLineEncoder(producer.replaySpeed > 0 ? parser : null);
    }
    LineSource input =
        source.generate()
            ? new GeneratedAccessLogs(source.seed(), source.count(), Instant.now(), eventTimeRate)
            : source.open();
    return new ProducerLauncher(STAGE, target, deadLetterTopic, kafka, registry, producer, source)
        .run(
            input,
            encoder,
            source.count(),
            spec.commandLine().getOut(),
            spec.commandLine().getErr());
  }
}
