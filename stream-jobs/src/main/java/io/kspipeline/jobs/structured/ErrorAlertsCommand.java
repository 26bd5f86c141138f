package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.kspipeline.core.config.Durations;
import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.checkpoint.NotInCheckpoint;
import io.kspipeline.jobs.common.DeadLetters;
import io.kspipeline.jobs.common.KafkaIO;
import io.kspipeline.jobs.common.OutputTopicOptions;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.StructuredJobRunner;
import io.kspipeline.jobs.common.Triggers;
import io.kspipeline.jobs.common.divert.Destination;
import io.kspipeline.jobs.common.divert.DivertedRecords;
import io.kspipeline.jobs.common.metrics.JobCounters;
import io.kspipeline.jobs.structured.input.AccessLogInput;
import io.kspipeline.jobs.structured.input.AccessLogInputOptions;
import io.kspipeline.jobs.structured.windows.WindowedEvent;
import io.kspipeline.schemas.Topics;
import io.kspipeline.schemas.avro.ErrorAlert;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code job error-alerts}: wires {@link ErrorAlertsJob} to its input and the alert topic. */
@Command(
    name = ErrorAlertsJob.NAME,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Alerts on server errors (status >= 500) and on requests whose endpoint, user agent or"
          + " referrer contains a --match pattern, one record per alert in a topic keyed by"
          + " client address. Input records that cannot be read go to the dead-letter topic.",
      "Micro-batches by default (--trigger); --continuous runs Spark's continuous trigger for"
          + " millisecond latency: the alert and dead-letter queries then each hold one task per"
          + " input partition (give the job at least 2 x partitions cores), read Kafka only"
          + " (not dir:PATH), report no dead-letter counter and have no --console."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline job error-alerts --bootstrap kafka:9092 --continuous",
      "  pipeline job error-alerts --input raw --match '(?i)wp-login|sqlmap' --no-server-errors",
      "  pipeline job error-alerts --trigger available-now --output-format json --console"
    })
public final class ErrorAlertsCommand implements Callable<Integer> {
  @Mixin AccessLogInputOptions input = new AccessLogInputOptions();
  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();
  @Mixin StreamingOptions streaming = new StreamingOptions();
  @Mixin OutputTopicOptions results = new OutputTopicOptions(Topics.ERROR_ALERTS);

  @Option(
      names = "--server-errors",
      defaultValue = "true",
      negatable = true,
      fallbackValue = "true",
      description = "Alert on status 500 and above (default: ${DEFAULT-VALUE}).")
  boolean serverErrors;

  @Option(
      names = "--match",
      paramLabel = "REGEX",
      description =
          "Also alert when this Java regular expression is found anywhere in the endpoint, user"
              + " agent or referrer (unanchored; case-sensitive unless it starts with (?i)).")
  String matchPattern;

  @Option(
      names = "--continuous",
      paramLabel = "INTERVAL",
      arity = "0..1",
      fallbackValue = "1s",
      description =
          "Run with Spark's continuous trigger instead of --trigger, checkpointing every INTERVAL"
              + " (default: 1s).")
  String continuous;

  public ErrorAlertsCommand() {}

  @Override
  public Integer call() throws Exception {
    return StructuredJobRunner.run(ErrorAlertsJob.NAME, streaming, kafka, this::start);
  }

  /**
   * The options its checkpoint depends on: the input, whose offsets it holds; it keeps no state
   * (the others: {@link NotInCheckpoint}).
   */
  public CheckpointOptions checkpointOptions() {
    return input.recordIn(
        CheckpointOptions.of(ErrorAlertsJob.NAME, Api.STRUCTURED, 1, input.kafkaTopic()));
  }

  /** Starts the job's query: alerts and dead letters of each record read once. */
  public List<StreamingQuery> start(SparkSession spark) throws Exception {
    checkOptions();
    streaming.openCheckpoint(checkpointOptions());
    Map<String, String> registryConfig = registry.config(kafka.clientProperties());
    AccessLogInput events = input.open(spark, kafka, streaming, registryConfig);
    Trigger trigger = trigger();
    String jobCheckpoint = streaming.checkpointFor(ErrorAlertsJob.NAME);
    Destination deadLetters = input.deadLetterDestination(jobCheckpoint);
    if (isContinuous() && !(deadLetters instanceof Destination.Topic)) {
      throw new IllegalArgumentException("--continuous sends dead letters to a topic only");
    }
    String deadLetterTopic = deadLetters instanceof Destination.Topic topic ? topic.name() : null;
    boolean alertsToKafka = results.writesKafka(input.readsKafka());
    // Continuous and micro-batch checkpoints are not interchangeable: each mode keeps its own.
    String checkpoint = jobCheckpoint + (isContinuous() ? "/continuous" : "");
    Function<Dataset<Row>, DataStreamWriter<Row>> sink =
        rows -> {
          if (isContinuous()) {
            // Continuous queries cannot carry counters or print; a record that cannot be decoded
            // still reaches the dead-letter topic: continuous mode may not lose what micro-batches
            // would keep.
            return KafkaIO.streamRouted(
                toKafkaRecords(rows, registryConfig, deadLetterTopic), kafka);
          }
          Dataset<Row> counted =
              JobCounters.countedWhere(
                  rows, col("kind").equalTo(WindowedEvent.DEAD), JobCounters.DEAD_LETTERED);
          return counted
              .writeStream()
              .foreachBatch(
                  (VoidFunction2<Dataset<Row>, Long>)
                      (batch, id) ->
                          writeBatch(batch, id, registryConfig, deadLetters, alertsToKafka));
        };
    return List.of(
        new ErrorAlertsJob(events.records(), serverErrors, matchPattern, sink)
            .start(checkpoint + "/alerts", trigger));
  }

  /**
   * A micro-batch's alerts to their topic and its dead letters to theirs, in one Kafka write when
   * both go to Kafka; the alerts also printed.
   */
  private void writeBatch(
      Dataset<Row> batch,
      long batchId,
      Map<String, String> registryConfig,
      Destination deadLetters,
      boolean alertsToKafka) {
    batch.persist();
    try {
      Column dead = col("kind").equalTo(WindowedEvent.DEAD);
      String deadLetterTopic = deadLetters instanceof Destination.Topic topic ? topic.name() : null;
      if (alertsToKafka || deadLetterTopic != null) {
        Column routed = alertsToKafka ? (deadLetterTopic != null ? lit(true) : not(dead)) : dead;
        KafkaIO.writeRouted(
            toKafkaRecords(batch.where(routed), registryConfig, deadLetterTopic),
            kafka.clientProperties());
      }
      if (deadLetterTopic == null) {
        DivertedRecords.deadLetters(deadLetters, ErrorAlertsJob.NAME, registryConfig)
            .write(
                batch.where(dead).withColumnRenamed("recordTimestamp", "timestamp"),
                batchId,
                ErrorAlertsJob.NAME,
                kafka.clientProperties());
      }
      if (streaming.console()) {
        System.out.printf("%s: batch %d%n", ErrorAlertsJob.NAME, batchId);
        batch.where(not(dead)).drop("kind").show(1000, false);
      }
    } finally {
      batch.unpersist();
    }
  }

  private void checkOptions() {
    if (!serverErrors && matchPattern == null) {
      throw new IllegalArgumentException("--no-server-errors needs --match: nothing to alert on");
    }
    if (matchPattern != null) {
      try {
        Pattern.compile(matchPattern);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "--match is not a regular expression: " + e.getMessage());
      }
    }
    if (isContinuous() && !input.readsKafka()) {
      throw new IllegalArgumentException("--continuous reads Kafka only, not --input dir:PATH");
    }
    if (isContinuous() && streaming.console()) {
      throw new IllegalArgumentException("--console prints micro-batches: not with --continuous");
    }
  }

  private boolean isContinuous() {
    return continuous != null;
  }

  private Trigger trigger() {
    return isContinuous()
        ? Trigger.Continuous(Durations.parse(continuous).toMillis())
        : Triggers.of(streaming.trigger());
  }

  /**
   * Alerts keyed by client address with an ErrorAlert value in the chosen format, to the results
   * topic; dead letters, when they go to a topic, keyed as their record was with a DeadLetter
   * value, to the dead-letter topic.
   *
   * @param deadLetterTopic null when the rows hold alerts only
   */
  private Dataset<Row> toKafkaRecords(
      Dataset<Row> rows, Map<String, String> registryConfig, String deadLetterTopic) {
    Column alert =
        results
            .format()
            .encode(
                ErrorAlertsJob.alert(),
                ErrorAlert.getClassSchema(),
                results.topic(),
                registryConfig);
    if (deadLetterTopic == null) {
      return rows.select(
          lit(results.topic()).as("topic"),
          col("clientIp").cast("binary").as("key"),
          alert.cast("binary").as("value"));
    }
    Column dead = col("kind").equalTo(WindowedEvent.DEAD);
    Column letter =
        DeadLetters.value(
            col("recordTimestamp"),
            col("errorClass"),
            col("error"),
            ErrorAlertsJob.NAME,
            deadLetterTopic,
            registryConfig);
    return rows.select(
        when(dead, lit(deadLetterTopic)).otherwise(lit(results.topic())).as("topic"),
        when(dead, col("key")).otherwise(col("clientIp").cast("binary")).as("key"),
        when(dead, letter).otherwise(alert.cast("binary")).as("value"));
  }
}
