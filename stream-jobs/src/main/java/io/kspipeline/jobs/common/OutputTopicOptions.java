package io.kspipeline.jobs.common;

import picocli.CommandLine.Option;

/**
 * The topic a job writes its results to and their value format (a picocli mixin; each job gives its
 * own default topic).
 */
public final class OutputTopicOptions {
  @Option(
      names = "--output-topic",
      paramLabel = "TOPIC",
      description = "Topic of the job's results (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--output-format",
      description =
          "Value format of the results: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.avro;

  public OutputTopicOptions(String defaultTopic) {
    this.topic = defaultTopic;
  }

  public String topic() {
    return topic;
  }

  public OutputFormat format() {
    return format;
  }

  /** Sets the topic (a command configured by code). */
  public OutputTopicOptions topic(String topic) {
    this.topic = topic;
    return this;
  }

  /** Sets the value format (a command configured by code). */
  public OutputTopicOptions format(OutputFormat format) {
    this.format = format;
    return this;
  }
}
