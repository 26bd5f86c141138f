package io.kspipeline.jobs.structured.input;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.common.KafkaIO;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.divert.DeadLetterOptions;
import io.kspipeline.jobs.common.divert.Destination;
import io.kspipeline.schemas.Topics;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where an access-log job reads from (a picocli mixin shared by the access-log jobs). */
public final class AccessLogInputOptions {
  private static final String DIR_PREFIX = "dir:";

  @Option(
      names = "--input",
      paramLabel = "avro|raw|dir:PATH",
      defaultValue = "avro",
      description =
          "avro: AccessLogEvent records from access-logs; raw: text lines from access-logs-raw,"
              + " parsed in Spark; dir:PATH: log files appearing in a directory, as the seed's"
              + " readStream.text (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(
      names = "--input-topic",
      description = "Input topic (default: access-logs, or access-logs-raw with --input raw).")
  String inputTopic;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description =
          "Apache LogFormat of raw lines (default: detect common/combined, optional virtual host).")
  String logFormat;

  @Mixin DeadLetterOptions deadLetters = new DeadLetterOptions(Topics.ACCESS_LOGS_DLQ);

  public AccessLogInputOptions() {}

  /** Options set by code (tests, demo). */

  /** Sends dead letters to this destination (options set by code). */
  public String deadLetterTopic() {
    return deadLetters.topicName();
  }

  /** Where dead letters go: see {@link DeadLetterOptions}. */
  public Destination deadLetterDestination(String jobCheckpoint) {
    return deadLetters.destination(readsKafka(), jobCheckpoint);
  }

  /** Where late records go: the late topic for Kafka input, else beside the checkpoint. */
  public Destination lateDestination(String jobCheckpoint) {
    return readsKafka()
        ? new Destination.Topic(lateTopic())
        : new Destination.Directory(jobCheckpoint + "/diverted/late-records");
  }

  /** Where records behind the watermark go: {@code <input topic>-late}. */
  public String lateTopic() {
    return Topics.lateTopicOf(isDirectory() ? Topics.ACCESS_LOGS : inputTopic());
  }

  /** The topic read, or the directory for dir:PATH. */
  public String inputTopic() {
    if (isDirectory()) {
      return input.substring(DIR_PREFIX.length());
    }
    if (inputTopic != null) {
      return inputTopic;
    }
    return isRaw() ? Topics.ACCESS_LOGS_RAW : Topics.ACCESS_LOGS;
  }

  /** The topic read, or null for a directory. */
  public String kafkaTopic() {
    return readsKafka() ? inputTopic() : null;
  }

  /** The input as a checkpoint depends on it: {@code --input} and, for a topic, the topic. */
  public CheckpointOptions recordIn(CheckpointOptions options) {
    return options
        .with("--input", isDirectory() ? input : input.toLowerCase(Locale.ROOT))
        .with("--input-topic", kafkaTopic());
  }

  /** Whether the input is a Kafka topic (avro, raw) rather than a directory. */
  public boolean readsKafka() {
    return !isDirectory();
  }

  private boolean isDirectory() {
    return input.startsWith(DIR_PREFIX);
  }

  private boolean isRaw() {
    return input.toLowerCase(Locale.ROOT).equals("raw");
  }

  public AccessLogInput open(
      SparkSession spark,
      KafkaOptions kafka,
      StreamingOptions streaming,
      Map<String, String> registryConfig) {
    AccessLogParser parser =
        logFormat == null
            ? AccessLogParser.autoDetecting()
            : AccessLogParser.forLogFormat(logFormat);
    if (isDirectory()) {
      return AccessLogInput.directory(spark, inputTopic(), parser);
    }
    if (isRaw()) {
      return AccessLogInput.raw(KafkaIO.stream(spark, kafka, streaming, inputTopic()), parser);
    }
    if (!input.toLowerCase(Locale.ROOT).equals("avro")) {
      throw new IllegalArgumentException(
          "--input takes avro, raw or dir:PATH, not '" + input + "'");
    }
    return AccessLogInput.avro(
        KafkaIO.stream(spark, kafka, streaming, inputTopic()), inputTopic(), registryConfig);
  }
}
