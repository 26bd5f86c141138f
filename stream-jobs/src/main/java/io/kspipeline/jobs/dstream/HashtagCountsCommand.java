package io.kspipeline.jobs.dstream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.ResultSink;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.jdbc.Column;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.schemas.Topics;
import io.kspipeline.schemas.avro.KeyCount;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code job hashtag-counts}: wires {@link HashtagCountsJob} to Kafka and the database. */
@Command(
    name = HashtagCountsJob.NAME,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Running totals with DStream updateStateByKey: per hashtag key from tweets (default), or per"
          + " HTTP status from access-logs with --statuses.",
      "Each batch's changed totals are upserted exactly once (ledger by batch time) into table"
          + " hashtag_counts(hashtag, hits) (status_totals(status, hits) with --statuses) and sent"
          + " to topic hashtag-counts (status-totals). Offsets are committed to Kafka after the"
          + " outputs; the checkpoint holds the state, so a restart after a crash resumes it."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline job hashtag-counts --bootstrap kafka:9092 --jdbc-url jdbc:postgresql://db/app",
      "  pipeline job hashtag-counts --statuses --console"
    })
public final class HashtagCountsCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(HashtagCountsCommand.class);

  public static final TableSpec HASHTAG_TABLE = totals("hashtag_counts", "hashtag");
  public static final TableSpec STATUS_TABLE = totals("status_totals", "status");
  public static final String STATUS_TOPIC = "status-totals";

  private static final StructType TOTALS =
      new StructType().add("key", DataTypes.StringType).add("count", DataTypes.LongType);

  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();
  @Mixin StreamingOptions streaming = new StreamingOptions();
  @Mixin DStreamOptions dstream = new DStreamOptions();
  @Mixin JdbcOptions jdbc = new JdbcOptions();

  @Option(
      names = "--statuses",
      description = "Count HTTP statuses of access-logs instead of hashtags of tweets.")
  boolean statuses;

  @Option(
      names = "--input-topic",
      description = "Input topic (default: tweets; access-logs with --statuses).")
  String inputTopic;

  @Option(
      names = "--dead-letter-topic",
      description = "Topic of unreadable records (default: <input>-dlq).")
  String deadLetterTopic;

  @Option(
      names = "--output-topic",
      description = "Topic of the totals (default: hashtag-counts; status-totals with --statuses).")
  String outputTopic;

  @Option(
      names = "--window",
      defaultValue = "60s",
      description =
          "Window of the activity figures printed and logged each batch: records and keys in the"
              + " last window (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(
      names = "--output-format",
      defaultValue = "avro",
      description =
          "Value format of the totals (KeyCount): ${COMPLETION-CANDIDATES} (default:"
              + " ${DEFAULT-VALUE}).")
  OutputFormat outputFormat;

  public HashtagCountsCommand() {}

  /** A command configured by code (tests, demo). */
  public HashtagCountsCommand(
      KafkaOptions kafka,
      RegistryOptions registry,
      StreamingOptions streaming,
      DStreamOptions dstream,
      JdbcOptions jdbc,
      String inputTopic,
      String outputTopic) {
    PipelineCommandLine.withDefaults(this);
    this.kafka = kafka;
    this.registry = registry;
    this.streaming = streaming;
    this.dstream = dstream;
    this.jdbc = jdbc;
    this.inputTopic = inputTopic;
    this.outputTopic = outputTopic;
  }

  @Override
  public Integer call() throws Exception {
    StreamingContexts.run(context());
    return 0;
  }

  /** The job's streaming context, restored from its checkpoint or built; not started. */
  public JavaStreamingContext context() throws Exception {
    return StreamingContexts.getOrCreate(
        streaming.checkpointFor(HashtagCountsJob.NAME),
        StreamingContexts.conf(HashtagCountsJob.NAME, streaming, dstream),
        dstream,
        graph());
  }

  /**
   * Prepares the outputs (tables created) and returns the function that builds the job's graph in a
   * new context — on its own, or beside other jobs' graphs in one context (the demo: a JVM has one
   * streaming context).
   */
  public StreamingContexts.Graph graph() throws Exception {
    String input = inputTopic != null ? inputTopic : statuses ? Topics.ACCESS_LOGS : Topics.TWEETS;
    TableSpec tableSpec = statuses ? STATUS_TABLE : HASHTAG_TABLE;
    JdbcUpsertSink table = jdbc.upsertSink(tableSpec);
    Map<String, String> registryConfig = new HashMap<>(registry.config(kafka.clientProperties()));
    String output =
        outputTopic != null ? outputTopic : statuses ? STATUS_TOPIC : Topics.HASHTAG_COUNTS;
    String keyColumn = tableSpec.keyColumns().get(0).name();
    OutputFormat format = outputFormat;
    ResultSink sink =
        new ResultSink(HashtagCountsJob.NAME, kafka)
            .toTopic(output, batch -> keyCounts(batch, format, output, registryConfig))
            .toTable(
                table, batch -> batch.select(col("key").as(keyColumn), col("count").as("hits")))
            .printing(streaming.console() ? batch -> batch.orderBy(col("count").desc()) : null);
    String deadLetters =
        deadLetterTopic != null ? deadLetterTopic : Topics.deadLetterTopicOf(input);
    boolean console = streaming.console();
    org.apache.spark.streaming.Duration activityWindow = Durations.milliseconds(window.toMillis());
    return ssc -> {
      JavaInputDStream<ConsumerRecord<byte[], byte[]>> stream =
          DirectKafka.stream(
              ssc, kafka, input, dstream.groupIdFor(HashtagCountsJob.NAME), streaming);
      JavaDStream<KeyedRecord> records =
          DirectKafka.decoded(
              stream,
              statuses
                  ? RecordDecoders.statuses(registryConfig)
                  : RecordDecoders.hashtags(registryConfig));
      DStreamOutputs.deadLetters(
          records, HashtagCountsJob.NAME, deadLetters, registryConfig, kafka.clientProperties());
      DStreamOutputs.eachBatch(HashtagCountsJob.runningTotals(records), TOTALS, sink);
      JavaDStream<String> activity =
          HashtagCountsJob.activity(records, activityWindow, ssc.ssc().graph().batchDuration());
      if (console) {
        activity.print();
      }
      activity.foreachRDD(rdd -> rdd.collect().forEach(line -> LOG.info("{}", line)));
      DirectKafka.commitAfterOutputs(stream);
    };
  }

  /** Key: the counted key; value: a KeyCount. */
  private static Dataset<Row> keyCounts(
      Dataset<Row> batch, OutputFormat format, String topic, Map<String, String> registryConfig) {
    return batch.select(
        col("key"),
        format
            .encode(
                struct(col("key"), col("count")), KeyCount.getClassSchema(), topic, registryConfig)
            .as("value"));
  }

  private static TableSpec totals(String name, String keyColumn) {
    return new TableSpec(
        name,
        List.of(Column.of(keyColumn, Column.Type.KEY_TEXT)),
        List.of(Column.of("hits", Column.Type.BIGINT)));
  }
}
