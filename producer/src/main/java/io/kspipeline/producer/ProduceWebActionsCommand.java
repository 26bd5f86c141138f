package io.kspipeline.producer;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.producer.encode.WebActionEncoder;
import io.kspipeline.producer.source.GeneratedWebActions;
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

/** {@code produce web-actions}: publishes user actions on a web site as JSON to Kafka. */
@Command(
    name = "web-actions",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Publish web actions to Kafka as JSON {\"action\": ..., \"time\": ISO-8601, \"userId\": ...},"
          + " keyed by userId (no key without one): the input of job action-counts.",
      "Input: JSON lines, one action each: \"action\" a non-empty string, \"time\" with a zone"
          + " (2026-01-01T10:00:00Z, +01:00) or in epoch seconds, \"userId\" a string, null or"
          + " absent. Each is written in that one form (time in UTC, other fields left out); a"
          + " line that is not a web action is dead-lettered with the reason.",
      "--generate: sessions of simulated users, interleaved: Open, clicks and searches, sometimes"
          + " a Purchase, then Close."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline produce web-actions --file actions.jsonl --replay-speed 60",
      "  pipeline produce web-actions --follow /var/log/shop/actions.jsonl",
      "  pipeline produce web-actions --generate --rate 20 --seed 1"
    })
public final class ProduceWebActionsCommand implements Callable<Integer> {
  static final String STAGE = "produce web-actions";

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = false, multiplicity = "1", heading = "Input:%n")
  SourceOptions source = new SourceOptions();

  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin ProducerOptions producer = new ProducerOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();

  @Option(
      names = "--topic",
      defaultValue = Topics.WEB_ACTIONS,
      description = "Topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--dlq-topic",
      defaultValue = Topics.WEB_ACTIONS_DLQ,
      description = "Dead-letter topic (default: ${DEFAULT-VALUE}).")
  String deadLetterTopic;

  @Option(
      names = SourceOptions.EVENT_TIME_RATE,
      paramLabel = "PER_SECOND",
      defaultValue = "20",
      description = SourceOptions.EVENT_TIME_RATE_HELP)
  double eventTimeRate;

  @Override
  public Integer call() throws Exception {
    LineSource input =
        source.generate()
            ? new GeneratedWebActions(source.seed(), source.count(), Instant.now(), eventTimeRate)
            : source.open();
    return new ProducerLauncher(STAGE, topic, deadLetterTopic, kafka, registry, producer, source)
        .run(
            input,
            new WebActionEncoder(),
            source.count(),
            spec.commandLine().getOut(),
            spec.commandLine().getErr());
  }
}
