package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.struct;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.checkpoint.NotInCheckpoint;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.KafkaIO;
import io.kspipeline.jobs.common.KafkaOrDirectory;
import io.kspipeline.jobs.common.KafkaOutputOptions;
import io.kspipeline.jobs.common.OutputTopicOptions;
import io.kspipeline.jobs.common.ResultSink;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.StructuredJobRunner;
import io.kspipeline.jobs.common.TextFileLines;
import io.kspipeline.jobs.common.divert.DeadLetterOptions;
import io.kspipeline.jobs.common.divert.Destination;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.jobs.structured.windows.WindowResult;
import io.kspipeline.jobs.structured.windows.WindowResults;
import io.kspipeline.jobs.structured.windows.WindowSpec;
import io.kspipeline.jobs.structured.windows.WindowedCounter;
import io.kspipeline.schemas.Topics;
import io.kspipeline.schemas.avro.WindowedCount;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code job action-counts}: wires {@link ActionCountsJob} to Kafka and the database. */
@Command(
    name = ActionCountsJob.NAME,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Web actions per action per window (default 1 hour), the seed's JSON example.",
      "Reads JSON {\"action\": ..., \"time\": ISO-8601, \"userId\": ...} from web-actions, or"
          + " from JSON-lines files with --input dir:PATH; writes table action_counts(window_start,"
          + " window_end, action, hits) exactly once and topic action-counts; late records go to"
          + " web-actions-late, bad JSON to the dead letters (--dead-letters)."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline job action-counts --bootstrap kafka:9092 --jdbc-url jdbc:mariadb://db/app",
      "  pipeline job action-counts --input dir:data/actions --trigger available-now --console"
    })
public final class ActionCountsCommand implements Callable<Integer> {
  public static final TableSpec TABLE = WindowResults.table("action_counts", "action");

  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();
  @Mixin StreamingOptions streaming = new StreamingOptions();
  @Mixin JdbcOptions jdbc = new JdbcOptions();
  @Mixin OutputTopicOptions results = new OutputTopicOptions(Topics.ACTION_COUNTS);
  @Mixin KafkaOutputOptions kafkaOutput = new KafkaOutputOptions();

  @Option(
      names = "--input",
      paramLabel = KafkaOrDirectory.LABEL,
      defaultValue = "kafka",
      description =
          "kafka: JSON web actions from --input-topic; dir:PATH: JSON-lines files appearing in a"
              + " directory, as the seed's readStream.json (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(
      names = "--input-topic",
      defaultValue = Topics.WEB_ACTIONS,
      description = "Input topic (default: ${DEFAULT-VALUE}).")
  String inputTopic;

  @Mixin DeadLetterOptions deadLetters = new DeadLetterOptions(Topics.WEB_ACTIONS_DLQ);

  @Option(
      names = "--window",
      defaultValue = "1h",
      description = "Window length, tumbling (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(
      names = "--watermark",
      defaultValue = "10m",
      description = "How late a record may be and still count (default: ${DEFAULT-VALUE}).")
  Duration watermark;

  public ActionCountsCommand() {}

  @Override
  public Integer call() throws Exception {
    return StructuredJobRunner.run(ActionCountsJob.NAME, streaming, kafka, this::start);
  }

  /**
   * The options its checkpoint depends on: the input, whose offsets it holds, and what its windowed
   * state means (the others: {@link NotInCheckpoint}).
   */
  public CheckpointOptions checkpointOptions() {
    KafkaOrDirectory from = KafkaOrDirectory.parse(input);
    return kafkaOutput.recordIn(
        CheckpointOptions.of(
                ActionCountsJob.NAME, Api.STRUCTURED, 1, from.readsKafka() ? inputTopic : null)
            .with("--input", from.readsKafka() ? "kafka" : input)
            .with("--input-topic", from.readsKafka() ? inputTopic : null)
            .with("--window", window)
            .with("--watermark", watermark));
  }

  public List<StreamingQuery> start(SparkSession spark) throws Exception {
    streaming.openCheckpoint(checkpointOptions());
    Map<String, String> registryConfig = registry.config(kafka.clientProperties());
    JdbcUpsertSink table = jdbc.upsertSink(TABLE);
    String checkpoint = streaming.checkpointFor(ActionCountsJob.NAME);
    KafkaOrDirectory from = KafkaOrDirectory.parse(input);
    boolean readsKafka = from.readsKafka();
    ResultSink sink =
        new ResultSink(ActionCountsJob.NAME, kafka)
            .deliveredAs(kafkaOutput)
            .lateRecordsTo(
                readsKafka
                    ? new Destination.Topic(Topics.lateTopicOf(inputTopic))
                    : new Destination.Directory(checkpoint + "/diverted/late-records"),
                WindowResults::lateRecords)
            .deadLettersTo(
                deadLetters.destination(readsKafka, checkpoint),
                ActionCountsJob.NAME,
                registryConfig,
                WindowResults::rejectedRecords)
            .toTable(table, batch -> WindowResults.countRows(batch, "action"))
            .printing(
                streaming.console()
                    ? batch ->
                        WindowResults.countRows(batch, "action").orderBy("window_start", "action")
                    : null);
    if (results.writesKafka(readsKafka)) {
      sink.toTopic(results.topic(), batch -> counts(batch, registryConfig));
    }
    Dataset<Row> source =
        readsKafka
            ? KafkaIO.stream(spark, kafka, streaming, inputTopic)
            : TextFileLines.stream(spark, from.directory());
    return StructuredJobRunner.start(
        ActionCountsJob.NAME,
        streaming,
        "counts",
        ActionCountsJob.windowedActions(
            source, new WindowSpec(window, window), watermark, WindowedCounter.DEFAULT_SHARDS),
        sink);
  }

  /** Key: window and action; value: a WindowedCount. */
  private Dataset<Row> counts(Dataset<Row> batch, Map<String, String> registryConfig) {
    return WindowResults.ofKind(batch, WindowResult.COUNT)
        .select(
            concat_ws("/", WindowResults.windowKey(), col("countKey")).as("key"),
            results
                .format()
                .encode(
                    struct(
                        col("windowStart"),
                        col("windowEnd"),
                        col("countKey").as("key"),
                        col("count")),
                    WindowedCount.getClassSchema(),
                    results.topic(),
                    registryConfig)
                .as("value"));
  }
}
