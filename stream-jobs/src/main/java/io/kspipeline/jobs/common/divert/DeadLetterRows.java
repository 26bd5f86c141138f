package io.kspipeline.jobs.common.divert;

import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Records to dead-letter that a job holds outside a Kafka-shaped dataset (rows a table refused, a
 * DStream batch's rejected records), as the rows {@link DivertedRecords#deadLetters} takes: {@code
 * key, value, topic, partition, offset, timestamp, errorClass, error}.
 */
public final class DeadLetterRows {
  public static final StructType SHAPE =
      new StructType()
          .add("key", DataTypes.BinaryType)
          .add("value", DataTypes.BinaryType)
          .add("topic", DataTypes.StringType)
          .add("partition", DataTypes.IntegerType)
          .add("offset", DataTypes.LongType)
          .add("timestamp", DataTypes.TimestampType)
          .add("errorClass", DataTypes.StringType)
          .add("error", DataTypes.StringType);

  private DeadLetterRows() {}

  /**
   * @param topic the topic, or for a record not from Kafka (negative partition) where it was
   * @param timestamp the record's timestamp, or null
   */
  public static Row of(
      byte[] key,
      byte[] value,
      String topic,
      int partition,
      long offset,
      Timestamp timestamp,
      String errorClass,
      String error) {
    return RowFactory.create(key, value, topic, partition, offset, timestamp, errorClass, error);
  }
}
