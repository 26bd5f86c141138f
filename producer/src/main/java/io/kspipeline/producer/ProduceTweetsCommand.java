package io.kspipeline.producer;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.producer.encode.TweetEncoder;
import io.kspipeline.producer.source.GeneratedTweets;
import io.kspipeline.producer.source.LineSource;
import io.kspipeline.schemas.Topics;
import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code produce tweets}: publishes archived or synthetic tweets to Kafka as Avro. */
@Command(
    name = "tweets",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Publish tweets to Kafka as Avro Tweet records (Confluent framing), keyed by tweet id.",
      "Input: JSON lines of Twitter API v1.1 statuses, v2 responses (pages) or v2 tweets one per"
          + " line (twarc2 flatten), detected per line; stream control messages (delete, limit,"
          + " ..., v2 errors) are counted as skipped, bad lines dead-lettered."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline produce tweets --file archive/2018-10-*.jsonl.gz --replay-speed 60",
      "  pipeline produce tweets --generate --rate 200 --seed 1"
    })
public final class ProduceTweetsCommand implements Callable<Integer> {
  static final String STAGE = "produce tweets";

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = false, multiplicity = "1", heading = "Input:%n")
  SourceOptions source = new SourceOptions();

  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin ProducerOptions producer = new ProducerOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();

  @Option(
      names = "--topic",
      defaultValue = Topics.TWEETS,
      description = "Topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--dlq-topic",
      defaultValue = Topics.TWEETS_DLQ,
      description = "Dead-letter topic (default: ${DEFAULT-VALUE}).")
  String deadLetterTopic;

  @Option(
      names = {SourceOptions.EVENT_TIME_RATE, "--tweets-per-second"},
      paramLabel = "PER_SECOND",
      defaultValue = "50",
      description = SourceOptions.EVENT_TIME_RATE_HELP + " Old name: --tweets-per-second.")
  double eventTimeRate;

  @Override
  public Integer call() throws Exception {
    ConfluentAvroSerializer<Tweet> serializer =
        new ConfluentAvroSerializer<>(
            SchemaRegistries.connect(registry.config(kafka.clientProperties())), true);
    LineSource input =
        source.generate()
            ? new GeneratedTweets(source.seed(), source.count(), Instant.now(), eventTimeRate)
            : source.open();
    return new ProducerLauncher(STAGE, topic, deadLetterTopic, kafka, registry, producer, source)
        .run(
            input,
            new TweetEncoder(serializer, topic, source.generate()),
            source.count(),
            spec.commandLine().getOut(),
            spec.commandLine().getErr());
  }
}
