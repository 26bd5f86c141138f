package io.kspipeline.jobs.common;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The topic a job writes its results to and their value format (a picocli mixin; each job gives its
 * own default topic). A job reading Kafka always writes its results there; a job reading files or a
 * socket only when the topic is given (flag, environment or config file), so that the file examples
 * run with no broker.
 */
public final class OutputTopicOptions {
  private static final String TOPIC_OPTION = "--output-topic";

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(
      names = TOPIC_OPTION,
      paramLabel = "TOPIC",
      description =
          "Topic of the job's results; a job reading files or a socket writes to Kafka only when"
              + " it is given (default: ${DEFAULT-VALUE}).")
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

  /** Whether results go to the topic: always for a Kafka input, else when the topic was given. */
  public boolean writesKafka(boolean readsKafka) {
    return readsKafka || given();
  }

  private boolean given() {
    if (command == null || command.commandLine() == null) {
      return false;
    }
    CommandLine.ParseResult parsed = command.commandLine().getParseResult();
    if (parsed != null && parsed.hasMatchedOption(TOPIC_OPTION)) {
      return true;
    }
    CommandLine.IDefaultValueProvider defaults = command.defaultValueProvider();
    try {
      return defaults != null && defaults.defaultValue(command.findOption(TOPIC_OPTION)) != null;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the default of " + TOPIC_OPTION, e);
    }
  }
}
