package io.kspipeline.jobs.dstream;

import static org.apache.spark.sql.functions.col;

import io.kspipeline.jobs.common.DeadLetters;
import io.kspipeline.jobs.common.KafkaIO;
import io.kspipeline.jobs.common.ResultSink;
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

  private DStreamOutputs() {}

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
