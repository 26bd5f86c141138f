package io.kspipeline.jobs.common.divert;

import picocli.CommandLine.Option;

/**
 * {@code --dead-letters}: where a job's dead letters go (a picocli mixin). A job reading Kafka
 * writes them to its dead-letter topic; a job reading files or a socket writes them beside its
 * checkpoint, so that no broker is needed when none is in use. Jobs take it with their dead-letter
 * topic option: through {@link DeadLetterOptions}, or on its own beside a {@code
 * --dead-letter-topic} whose default depends on other options (hashtag-counts: {@code
 * <input>-dlq}).
 */
public final class DeadLetterDestinationOption {
  static final String OPTION = "--dead-letters";

  @Option(
      names = OPTION,
      paramLabel = "topic[:NAME]|file:PATH|console",
      description =
          "Where records that cannot be read go, with where they came from and why: a topic"
              + " (topic alone: --dead-letter-topic), a directory of JSON files, or the console"
              + " (default: topic when reading Kafka, else file:<checkpoint>/diverted/dead-letters).")
  String deadLetters;

  /**
   * The destination the user chose, else the default for the job's input.
   *
   * @param readsKafka whether the job's input is a Kafka topic
   * @param jobCheckpoint the job's checkpoint directory
   * @param topic the dead-letter topic, for {@code topic} alone and the Kafka default
   */
  public Destination destination(boolean readsKafka, String jobCheckpoint, String topic) {
    if (deadLetters != null) {
      return deadLetters.equalsIgnoreCase("topic")
          ? new Destination.Topic(topic)
          : Destination.parse(deadLetters, OPTION);
    }
    return readsKafka
        ? new Destination.Topic(topic)
        : new Destination.Directory(jobCheckpoint + "/diverted/dead-letters");
  }
}
