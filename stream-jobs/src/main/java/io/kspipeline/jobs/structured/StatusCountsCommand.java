package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.checkpoint.NotInCheckpoint;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.KafkaOutputOptions;
import io.kspipeline.jobs.common.OutputTopicOptions;
import io.kspipeline.jobs.common.ResultSink;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.StructuredJobRunner;
import io.kspipeline.jobs.jdbc.Column;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.jobs.structured.input.AccessLogInput;
import io.kspipeline.jobs.structured.input.AccessLogInputOptions;
import io.kspipeline.jobs.structured.windows.WindowResults;
import io.kspipeline.jobs.structured.windows.WindowedCounter;
import io.kspipeline.schemas.Topics;
import io.kspipeline.schemas.avro.StatusCount;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code job status-counts}: wires {@link StatusCountsJob} to its input, Kafka and the database.
 */
@Command(
    name = StatusCountsJob.NAME,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Hits per HTTP status since the beginning of the input (the seed's log analysis).",
      "Writes the counts to a topic keyed by status and, with --jdbc-url, to table"
          + " status_counts(status, hits), exactly once. Input records that cannot be read go to"
          + " the dead letters (--dead-letters)."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline job status-counts --bootstrap kafka:9092 --jdbc-url jdbc:postgresql://db/app",
      "  pipeline job status-counts --input raw --trigger available-now --console",
      "  pipeline job status-counts --input dir:data/logs --console"
    })
public final class StatusCountsCommand implements Callable<Integer> {
  public static final TableSpec TABLE =
      new TableSpec(
          "status_counts",
          List.of(Column.of("status", Column.Type.INT)),
          List.of(Column.of("hits", Column.Type.BIGINT)));

  @Mixin AccessLogInputOptions input = new AccessLogInputOptions();
  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();
  @Mixin StreamingOptions streaming = new StreamingOptions();
  @Mixin JdbcOptions jdbc = new JdbcOptions();
  @Mixin OutputTopicOptions results = new OutputTopicOptions(Topics.STATUS_COUNTS);
  @Mixin KafkaOutputOptions kafkaOutput = new KafkaOutputOptions();

  public StatusCountsCommand() {}

  @Override
  public Integer call() throws Exception {
    return StructuredJobRunner.run(StatusCountsJob.NAME, streaming, kafka, this::start);
  }

  /**
   * The options its checkpoint depends on: the input, whose offsets and counts it holds (the
   * others: {@link NotInCheckpoint}).
   */
  public CheckpointOptions checkpointOptions() {
    return kafkaOutput.recordIn(
        input.recordIn(
            CheckpointOptions.of(StatusCountsJob.NAME, Api.STRUCTURED, 1, input.kafkaTopic())));
  }

  /** Starts the job's query (counts and dead letters of each record read once). */
  public List<StreamingQuery> start(SparkSession spark) throws Exception {
    streaming.openCheckpoint(checkpointOptions());
    Map<String, String> registryConfig = registry.config(kafka.clientProperties());
    JdbcUpsertSink table = jdbc.upsertSink(TABLE);
    String checkpoint = streaming.checkpointFor(StatusCountsJob.NAME);
    ResultSink sink =
        new ResultSink(StatusCountsJob.NAME, kafka)
            .deliveredAs(kafkaOutput)
            .deadLettersTo(
                input.deadLetterDestination(checkpoint),
                StatusCountsJob.NAME,
                registryConfig,
                WindowResults::rejectedRecords)
            .toTable(table, StatusCountsJob::countRows)
            .printing(
                streaming.console()
                    ? batch -> StatusCountsJob.countRows(batch).orderBy("status")
                    : null);
    if (results.writesKafka(input.readsKafka())) {
      sink.toTopic(
          results.topic(),
          batch -> toKafkaRecords(StatusCountsJob.countRows(batch), registryConfig));
    }
    AccessLogInput events = input.open(spark, kafka, streaming, registryConfig);
    return StructuredJobRunner.start(
        StatusCountsJob.NAME,
        streaming,
        "counts",
        StatusCountsJob.statusCounts(events.records(), WindowedCounter.DEFAULT_SHARDS),
        sink);
  }

  /** Key: the status; value: a StatusCount (status, count) in the chosen format. */
  private Dataset<Row> toKafkaRecords(Dataset<Row> counts, Map<String, String> registryConfig) {
    return counts.select(
        col("status").cast("string").as("key"),
        results
            .format()
            .encode(
                struct(col("status"), col("hits").as("count")),
                StatusCount.getClassSchema(),
                results.topic(),
                registryConfig)
            .as("value"));
  }
}
