package io.kspipeline.jobs.common.exactlyonce;

import static org.apache.spark.sql.functions.col;

import java.util.Optional;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A Structured micro-batch's records written exactly once: hash-partitioned by key into one Spark
 * partition per writer (the same rows reach the same writer when the batch is replayed), each
 * partition's task the writer of its index.
 */
public final class StructuredKafkaOutput {
  /** The local property in which Spark gives a micro-batch the id of its query. */
  private static final String QUERY_ID = "sql.streaming.queryId";

  private StructuredKafkaOutput() {}

  /**
   * Writes {@code key, value[, ...]} rows (string or binary) of batch {@code batchId}.
   *
   * @param query the query's name, standing for its id when the batch is not run by a query
   */
  public static void write(
      Dataset<Row> records, TransactionalKafkaWriter writer, String query, long batchId) {
    // The query id outlives restarts on one checkpoint; a new checkpoint gets a new one.
    String run =
        Optional.ofNullable(records.sparkSession().sparkContext().getLocalProperty(QUERY_ID))
            .orElse(query);
    String topic = writer.topic();
    records
        .select(col("key").cast("binary").as("key"), col("value").cast("binary").as("value"))
        .repartition(writer.writers(), col("key"))
        .foreachPartition(
            (ForeachPartitionFunction<Row>)
                rows ->
                    writer.write(
                        TaskContext.getPartitionId(), run, batchId, new KafkaRows(topic, rows)));
  }
}
