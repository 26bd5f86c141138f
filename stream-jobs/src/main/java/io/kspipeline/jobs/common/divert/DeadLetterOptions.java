package io.kspipeline.jobs.common.divert;

import picocli.CommandLine.Option;

/**
 * Where a job's dead letters go (a picocli mixin; each job gives its default topic). A job reading
 * Kafka writes them to its dead-letter topic; a job reading files or a socket writes them beside
 * its checkpoint, so that no broker is needed when none is in use; {@code --dead-letters} chooses.
 */
public final class DeadLetterOptions {
  static final String OPTION = "--dead-letters";

  @Option(
      names = OPTION,
      paramLabel = "topic[:NAME]|file:PATH|console",
      description =
          "Where records that cannot be read go, with where they came from and why: a topic"
              + " (topic alone: --dead-letter-topic), a directory of JSON files, or the console"
              + " (default: topic when reading Kafka, else file:<checkpoint>/diverted/dead-letters).")
  String deadLetters;

  @Option(
      names = "--dead-letter-topic",
      paramLabel = "TOPIC",
      description =
          "The dead-letter topic when dead letters go to Kafka (default: ${DEFAULT-VALUE}).")
  String deadLetterTopic;

  public DeadLetterOptions(String defaultTopic) {
    this.deadLetterTopic = defaultTopic;
  }

  /** Sets the topic (a command configured by code). */
  public DeadLetterOptions topicName(String topic) {
    this.deadLetterTopic = topic;
    return this;
  }

  /** Sends dead letters to this destination (a command configured by code). */
  public DeadLetterOptions to(Destination destination) {
    this.deadLetters = destination.toString();
    return this;
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
    if (deadLetters != null) {
      return deadLetters.equalsIgnoreCase("topic")
          ? new Destination.Topic(deadLetterTopic)
          : Destination.parse(deadLetters, OPTION);
    }
    return readsKafka
        ? new Destination.Topic(deadLetterTopic)
        : new Destination.Directory(jobCheckpoint + "/diverted/dead-letters");
  }
}
