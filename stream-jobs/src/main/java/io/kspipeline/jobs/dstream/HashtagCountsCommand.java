package io.kspipeline.jobs.dstream;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.checkpoint.NotInCheckpoint;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.KafkaOutputOptions;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.divert.DeadLetterDestinationOption;
import io.kspipeline.jobs.common.divert.Destination;
import io.kspipeline.jobs.common.exactlyonce.TransactionalKafkaWriter;
import io.kspipeline.jobs.jdbc.Column;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.schemas.Topics;
import io.kspipeline.schemas.avro.KeyCount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scala.Tuple2;

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
          + " outputs; the checkpoint holds the state, so a restart after a crash resumes it.",
      "Every --activity-slide (default: 10s, a multiple of --batch) it logs, and with --console"
          + " prints, the seed's window() and reduceByWindow figures: records and keys in the last"
          + " --window. Not every batch: each figure is a Spark job over the whole window, more"
          + " work than the batch's totals."
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

  /**
   * The activity figures' default slide. Each is a Spark job over the whole window (a union of its
   * batches), so computing them every batch would cost more than the totals themselves.
   */
  static final Duration DEFAULT_ACTIVITY_SLIDE = Duration.ofSeconds(10);

  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();
  @Mixin StreamingOptions streaming = new StreamingOptions();
  @Mixin DStreamOptions dstream = new DStreamOptions();
  @Mixin KafkaOutputOptions kafkaOutput = new KafkaOutputOptions();
  @Mixin JdbcOptions jdbc = new JdbcOptions();

  @Option(
      names = "--statuses",
      description = "Count HTTP statuses of access-logs instead of hashtags of tweets.")
  boolean statuses;

  @Option(
      names = "--input-topic",
      description = "Input topic (default: tweets; access-logs with --statuses).")
  String inputTopic;

  @Mixin DeadLetterDestinationOption deadLetterOption = new DeadLetterDestinationOption();

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
          "Window of the activity figures printed and logged every --activity-slide: records and"
              + " keys in the last window (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(
      names = "--activity-slide",
      description =
          "How often the activity figures are computed, a multiple of --batch (default: the first"
              + " multiple of --batch from 10s on).")
  Duration activitySlide;

  @Option(
      names = "--output-format",
      defaultValue = "avro",
      description =
          "Value format of the totals (KeyCount): ${COMPLETION-CANDIDATES} (default:"
              + " ${DEFAULT-VALUE}).")
  OutputFormat outputFormat;

  public HashtagCountsCommand() {}

  @Override
  public Integer call() throws Exception {
    StreamingContexts.run(HashtagCountsJob.NAME, context());
    return 0;
  }

  /** The job's streaming context, restored from its checkpoint or built; not started. */
  public JavaStreamingContext context() throws Exception {
    return StreamingContexts.getOrCreate(
        streaming.checkpointFor(HashtagCountsJob.NAME),
        StreamingContexts.conf(HashtagCountsJob.NAME, streaming, dstream),
        dstream,
        checkpointOptions(),
        graph());
  }

  /**
   * What its checkpointed graph captures, so what a restart must ask for again: what it counts and
   * from where, where totals and dead letters go, the activity window, and the options every
   * DStream job's graph holds (the others: {@link NotInCheckpoint}).
   */
  public CheckpointOptions checkpointOptions() {
    return kafkaOutput.recordInGraph(
        CheckpointOptions.of(HashtagCountsJob.NAME, Api.DSTREAM, 1, inputTopic())
            .with("--statuses", statuses)
            .with("--input-topic", inputTopic())
            .with("--dead-letters", deadLetterDestination())
            .with("--output-topic", outputTopic())
            .with("--output-format", outputFormat)
            .with("--window", window)
            .with(
                "--activity-slide",
                Duration.ofMillis(activitySlide(dstream.batch()).milliseconds()))
            .with("--jdbc-url", CheckpointOptions.jdbcUrl(jdbc.url()))
            .with("--jdbc-user", jdbc.user())
            .withDStreamCommon(
                streaming, dstream, kafka, registry.config(Map.of()).get(RegistryOptions.URL)));
  }

  /** The topic of the totals: --output-topic, else hashtag-counts, or status-totals. */
  private String outputTopic() {
    return outputTopic != null ? outputTopic : statuses ? STATUS_TOPIC : Topics.HASHTAG_COUNTS;
  }

  /**
   * Prepares the outputs (tables created) and returns the function that builds the job's graph in a
   * new context — on its own, or beside other jobs' graphs in one context (the demo: a JVM has one
   * streaming context).
   */
  public StreamingContexts.Graph graph() throws Exception {
    String input = inputTopic();
    TableSpec tableSpec = statuses ? STATUS_TABLE : HASHTAG_TABLE;
    JdbcUpsertSink table = jdbc.upsertSink(tableSpec);
    TableRows tableRows = new TableRows(tableSpec);
    Map<String, String> registryConfig = new HashMap<>(registry.config(kafka.clientProperties()));
    LinkedHashMap<String, String> kafkaClient = new LinkedHashMap<>(kafka.clientProperties());
    String output = outputTopic();
    TransactionalKafkaWriter writer =
        kafkaOutput.writerFor(kafkaClient, HashtagCountsJob.NAME, output);
    if (writer != null) {
      writer.prepare();
    }
    OutputFormat format = outputFormat;
    boolean console = streaming.console();
    DeadLettering deadLetters =
        new DeadLettering(
            HashtagCountsJob.NAME, deadLetterDestination(), registryConfig, kafkaClient);
    org.apache.spark.streaming.Duration activityWindow = Durations.milliseconds(window.toMillis());
    org.apache.spark.streaming.Duration everyActivity = activitySlide(dstream.batch());
    return (ssc, start) -> {
      JavaInputDStream<ConsumerRecord<byte[], byte[]>> stream =
          DirectKafka.stream(
              ssc, kafka, input, dstream.groupIdFor(HashtagCountsJob.NAME), streaming, start);
      JavaDStream<KeyedRecord> records =
          DirectKafka.decoded(
              stream,
              statuses
                  ? RecordDecoders.statuses(registryConfig)
                  : RecordDecoders.hashtags(registryConfig));
      deadLetters.writeOutsideKafka(records);
      records
          .transformWith(
              HashtagCountsJob.runningTotals(records),
              (batchRecords, totals, time) -> {
                RecordValues values =
                    RecordValues.of(format, KeyCount.getClassSchema(), output, registryConfig);
                KafkaResults.ToRecord<Tuple2<String, Long>> record =
                    t ->
                        new ProducerRecord<>(
                            output,
                            KafkaResults.utf8(t._1()),
                            values.encode(new KeyCount(t._1(), t._2())));
                boolean keep = table != null || console;
                return (writer == null
                        ? KafkaResults.sending(totals, kafkaClient, record, keep)
                        : KafkaResults.sendingOnce(
                            totals, writer, HashtagCountsJob.NAME, time, record, keep))
                    .union(deadLetters.<Tuple2<String, Long>>inOutputPass(batchRecords));
              })
          .foreachRDD(
              (pass, time) -> {
                // One Spark job: the executors send the changed totals and the dead letters, and
                // return the totals when the driver writes a table or prints.
                OutputPass<Tuple2<String, Long>> done = OutputPass.run(pass);
                deadLetters.log(time, done.deadLetters());
                if (console) {
                  DStreamOutputs.print(
                      HashtagCountsJob.NAME, time.milliseconds(), lines(done.results()));
                }
                if (table != null) {
                  List<Row> rows = new ArrayList<>();
                  done.results().forEach(t -> rows.add(tableRows.of(t._1(), t._2())));
                  DStreamOutputs.upsert(table, HashtagCountsJob.NAME, time, rows, deadLetters);
                }
              });
      // Every --activity-slide, not every batch (see DEFAULT_ACTIVITY_SLIDE).
      HashtagCountsJob.activity(records, activityWindow, everyActivity)
          .foreachRDD(
              (rdd, time) -> {
                List<String> lines = rdd.collect();
                lines.forEach(line -> LOG.info("{}", line));
                if (console) {
                  DStreamOutputs.printElements(time.milliseconds(), lines);
                }
              });
      DirectKafka.commitAfterOutputs(stream);
    };
  }

  /** Where dead letters go: the dead-letter topic unless --dead-letters says otherwise. */
  Destination deadLetterDestination() {
    return deadLetterOption.destination(
        true,
        streaming.checkpointFor(HashtagCountsJob.NAME),
        deadLetterTopic != null ? deadLetterTopic : Topics.deadLetterTopicOf(inputTopic()));
  }

  /** The topic read: --input-topic, else tweets, or access-logs with --statuses. */
  private String inputTopic() {
    return inputTopic != null ? inputTopic : statuses ? Topics.ACCESS_LOGS : Topics.TWEETS;
  }

  /**
   * How often the activity figures are computed: --activity-slide, by default the first multiple of
   * the batch interval from 10 s on.
   */
  org.apache.spark.streaming.Duration activitySlide(Duration batch) {
    long batchMillis = batch.toMillis();
    long millis =
        activitySlide != null
            ? activitySlide.toMillis()
            : (DEFAULT_ACTIVITY_SLIDE.toMillis() + batchMillis - 1) / batchMillis * batchMillis;
    return Durations.milliseconds(millis);
  }

  /** Changed totals, highest first, for the console. */
  private static List<String> lines(List<Tuple2<String, Long>> totals) {
    return totals.stream()
        .sorted(PopularHashtagsJob.RANK_ORDER)
        .map(t -> String.format("%-30s %d", t._1(), t._2()))
        .toList();
  }

  private static TableSpec totals(String name, String keyColumn) {
    return new TableSpec(
        name,
        List.of(Column.of(keyColumn, Column.Type.TEXT)),
        List.of(Column.of("hits", Column.Type.BIGINT)));
  }
}
