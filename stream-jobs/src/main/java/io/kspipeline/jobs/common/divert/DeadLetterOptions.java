package io.kspipeline.jobs.common.divert;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a job's dead letters go, {@code --dead-letters} ({@link DeadLetterDestinationOption}), and
 * its dead-letter topic, {@code --dead-letter-topic} (a picocli mixin; each job gives its default
 * topic).
 */
public final class DeadLetterOptions {
  @Mixin DeadLetterDestinationOption destination = new DeadLetterDestinationOption();

  @Option(
      names = "--dead-letter-topic",
      paramLabel = "TOPIC",
      description =
          "The dead-letter topic when dead letters go to Kafka (default: ${DEFAULT-VALUE}).")
  String deadLetterTopic;

  public DeadLetterOptions(String defaultTopic) {
    this.deadLetterTopic = defaultTopic;
  }

  /** The dead-letter topic when dead letters go to Kafka. */
  public String topicName() {
    return deadLetterTopic;
  }

  /**
   * The destination the user chose, else the default for the job's input.
   *
   * @param readsKafka whether the job's input is a Kafka topic
   * @param jobCheckpoint the job's checkpoint directory
   */
  public Destination destination(boolean readsKafka, String jobCheckpoint) {
    return destination.destination(readsKafka, jobCheckpoint, deadLetterTopic);
  }
}
