package io.kspipeline.jobs.dstream;

import static org.apache.spark.sql.functions.col;

import io.kspipeline.jobs.common.DeadLetters;
import io.kspipeline.jobs.common.KafkaIO;
import io.kspipeline.jobs.common.ResultSink;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DStream results written through the Structured jobs' sinks: each batch's RDD becomes a small
 * DataFrame, so topics, dead letters and the exactly-once JDBC upsert are the same code for both
 * APIs, with the batch time as the batch id.
 */
public final class DStreamOutputs {
  private static final Logger LOG = LoggerFactory.getLogger(DStreamOutputs.class);

  private static final StructType REJECTED =
      new StructType()
          .add("key", DataTypes.BinaryType)
          .add("value", DataTypes.BinaryType)
          .add("topic", DataTypes.StringType)
          .add("partition", DataTypes.IntegerType)
          .add("offset", DataTypes.LongType)
          .add("timestamp", DataTypes.TimestampType)
          .add("errorClass", DataTypes.StringType)
          .add("error", DataTypes.StringType);

  /** As many result lines as the Structured jobs' console shows per batch. */
  private static final int CONSOLE_ROWS = 1000;

  /** As many elements as DStream.print() shows. */
  private static final int PRINT_ELEMENTS = 10;

  private static final String RULE = "-------------------------------------------";

  private DStreamOutputs() {}

  /**
   * Upserts a batch's rows and its ledger row in one transaction; a batch already there is skipped.
   */
  public static void upsert(JdbcUpsertSink table, String name, long batchTime, List<Row> rows)
      throws SQLException {
    if (table.write(name, batchTime, rows.iterator()) < 0) {
      LOG.info("{} batch {} is already in {}: skipped", name, batchTime, table.table().name());
    }
  }

  /** Prints a batch's results under the banner the Structured jobs' console output has. */
  public static void print(String name, long batchTime, List<String> lines) {
    StringBuilder out = new StringBuilder();
    out.append(RULE).append('\n').append(name).append(": batch ").append(batchTime).append('\n');
    out.append(RULE).append('\n');
    lines.stream().limit(CONSOLE_ROWS).forEach(line -> out.append(line).append('\n'));
    System.out.print(out);
  }

  /** Prints elements collected on the driver as DStream.print() does. */
  public static void printElements(long batchTime, List<String> elements) {
    StringBuilder out = new StringBuilder();
    out.append(RULE).append('\n').append("Time: ").append(batchTime).append(" ms\n");
    out.append(RULE).append('\n');
    elements.stream().limit(PRINT_ELEMENTS).forEach(e -> out.append(e).append('\n'));
    if (elements.size() > PRINT_ELEMENTS) {
      out.append("...\n");
    }
    System.out.println(out);
  }

  /** The session of the running SparkContext (the DStream way to use DataFrames per batch). */
  public static SparkSession session(SparkContext context) {
    return SparkSession.builder().config(context.getConf()).getOrCreate();
  }

  /**
   * Writes each batch's pairs through the sink as a two-column frame (the schema names the
   * columns), with the batch time as the batch id of the exactly-once ledger.
   */
  public static <V> void eachBatch(
      JavaPairDStream<String, V> pairs, StructType schema, ResultSink sink) {
    pairs.foreachRDD(
        (rdd, time) ->
            sink.call(
                session(rdd.context())
                    .createDataFrame(rdd.map(t -> RowFactory.create(t._1(), t._2())), schema),
                time.milliseconds()));
  }

  /** Sends each batch's rejected records to the dead-letter topic as DeadLetters. */
  public static void deadLetters(
      JavaDStream<KeyedRecord> records,
      String stage,
      String deadLetterTopic,
      Map<String, String> registryConfig,
      Map<String, String> kafkaClient) {
    HashMap<String, String> registry = new HashMap<>(registryConfig);
    LinkedHashMap<String, String> kafka = new LinkedHashMap<>(kafkaClient);
    records.foreachRDD(
        (rdd, time) -> {
          List<KeyedRecord> rejected = rdd.filter(KeyedRecord::isRejected).collect();
          if (rejected.isEmpty()) {
            return;
          }
          List<Row> rows = new ArrayList<>();
          for (KeyedRecord r : rejected) {
            SourceRecord s = r.source();
            rows.add(
                RowFactory.create(
                    s.key(),
                    s.value(),
                    s.topic(),
                    s.partition(),
                    s.offset(),
                    s.timestamp() < 0 ? null : new Timestamp(s.timestamp()),
                    r.errorClass(),
                    r.error()));
          }
          Dataset<Row> frame = session(rdd.context()).createDataFrame(rows, REJECTED);
          KafkaIO.write(
              DeadLetters.fromKafkaRows(
                  frame, col("errorClass"), col("error"), stage, deadLetterTopic, registry),
              kafka,
              deadLetterTopic);
          LOG.warn(
              "{} batch {}: {} record(s) dead-lettered to {}",
              stage,
              time.milliseconds(),
              rejected.size(),
              deadLetterTopic);
        });
  }
}
