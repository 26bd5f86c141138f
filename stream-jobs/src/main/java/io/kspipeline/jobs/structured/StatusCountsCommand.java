package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.KafkaIO;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.jobs.common.ResultSink;
import io.kspipeline.jobs.common.SparkSessions;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.jdbc.Column;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.schemas.Topics;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code job status-counts}: wires {@link StatusCountsJob} to Kafka and the database. */
@Command(
    name = StatusCountsJob.NAME,
    mixinStandardHelpOptions = true,
    description = {
      "Hits per HTTP status since the beginning of the input (the seed's log analysis).",
      "Reads access-log lines from Kafka; writes the counts to a topic and, with --jdbc-url, to"
          + " table status_counts(status, hits). Lines without a status go to the dead-letter"
          + " topic."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline job status-counts --bootstrap kafka:9092 --jdbc-url jdbc:postgresql://db/app",
      "  pipeline job status-counts --trigger available-now --console"
    })
public final class StatusCountsCommand implements Callable<Integer> {
  public static final TableSpec TABLE =
      new TableSpec(
          "status_counts",
          List.of(Column.of("status", Column.Type.INT)),
          List.of(Column.of("hits", Column.Type.BIGINT)));

  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin StreamingOptions streaming = new StreamingOptions();
  @Mixin JdbcOptions jdbc = new JdbcOptions();

  @Option(
      names = "--input-topic",
      defaultValue = Topics.ACCESS_LOGS_RAW,
      description = "Topic of access-log lines (default: ${DEFAULT-VALUE}).")
  String inputTopic;

  @Option(
      names = "--output-topic",
      defaultValue = Topics.STATUS_COUNTS,
      description = "Topic of the counts, keyed by status (default: ${DEFAULT-VALUE}).")
  String outputTopic;

  @Option(
      names = "--dead-letter-topic",
      description = "Topic of lines without a status (default: the input's, access-logs-dlq).")
  String deadLetterTopic;

  public StatusCountsCommand() {}

  /** A command configured by code (tests, demo) rather than by flags. */
  public StatusCountsCommand(
      KafkaOptions kafka,
      StreamingOptions streaming,
      JdbcOptions jdbc,
      String inputTopic,
      String outputTopic,
      String deadLetterTopic) {
    this.kafka = kafka;
    this.streaming = streaming;
    this.jdbc = jdbc;
    this.inputTopic = inputTopic;
    this.outputTopic = outputTopic;
    this.deadLetterTopic = deadLetterTopic;
  }

  @Override
  public Integer call() throws Exception {
    SparkSession spark = SparkSessions.forJob(StatusCountsJob.NAME, streaming);
    QueryRunner.awaitAll(spark, start(spark));
    return 0;
  }

  /** Starts the job's queries on the given session. */
  public List<StreamingQuery> start(SparkSession spark) throws Exception {
    JdbcUpsertSink table = null;
    if (jdbc.enabled()) {
      table = new JdbcUpsertSink(jdbc.settings(), TABLE);
      table.createTables();
    }
    ResultSink sink =
        new ResultSink(
            StatusCountsJob.NAME,
            kafka,
            outputTopic,
            StatusCountsCommand::toKafkaRecords,
            table,
            streaming.console(),
            "status");
    Dataset<Row> lines = KafkaIO.stream(spark, kafka, streaming, inputTopic);
    String dlq = deadLetterTopic != null ? deadLetterTopic : Topics.deadLetterTopicOf(inputTopic);
    return new StatusCountsJob(lines, sink).start(streaming, kafka, dlq);
  }

  /** Key: the status; value: {@code {"status":200,"hits":42}}. */
  static Dataset<Row> toKafkaRecords(Dataset<Row> counts) {
    return counts.select(
        col("status").cast("string").as("key"),
        to_json(struct(col("status"), col("hits"))).as("value"));
  }
}
