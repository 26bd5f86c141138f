package io.kspipeline.jobs.common;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.checkpoint.StartPosition;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.DataStreamWriter;

/** Kafka sources and sinks of the jobs, all carrying the user's client settings (security, -X). */
public final class KafkaIO {
  private KafkaIO() {}

  /** A streaming read of one or more topics (comma-separated) with Spark's Kafka columns. */
  public static Dataset<Row> stream(
      SparkSession spark, KafkaOptions kafka, StreamingOptions options, String topics) {
    DataStreamReader reader =
        startingAt(
                spark.readStream().format("kafka").option("subscribe", topics),
                options.startingOffsets(),
                options.resetStart())
            .option("failOnDataLoss", options.failOnDataLoss());
    if (options.maxOffsetsPerTrigger() != null) {
      reader = reader.option("maxOffsetsPerTrigger", options.maxOffsetsPerTrigger());
    }
    for (Map.Entry<String, String> e : kafka.clientProperties().entrySet()) {
      reader = reader.option("kafka." + e.getKey(), e.getValue());
    }
    return reader.load();
  }

  /**
   * Where a new query starts: where a reset checkpoint says, else {@code --starting-offsets}. A
   * time is Spark's {@code startingTimestamp}, a partition without records from then on starting at
   * its end ({@code startingOffsetsByTimestampStrategy=latest}).
   */
  static DataStreamReader startingAt(
      DataStreamReader reader, String startingOffsets, Optional<StartPosition> reset) {
    if (reset.isEmpty()) {
      return reader.option("startingOffsets", startingOffsets);
    }
    StartPosition start = reset.get();
    if (start instanceof StartPosition.Earliest || start instanceof StartPosition.Latest) {
      return reader.option("startingOffsets", start.text());
    }
    if (start instanceof StartPosition.AtTime at) {
      return reader
          .option("startingTimestamp", String.valueOf(at.time().toEpochMilli()))
          .option("startingOffsetsByTimestampStrategy", "latest");
    }
    if (start instanceof StartPosition.Offsets offsets) {
      return reader.option("startingOffsets", offsets.sparkJson());
    }
    throw new IllegalStateException(
        "a Structured query has no consumer group to start from (" + start.text() + ")");
  }

  /** A batch read of a whole topic (for checks and tools). */
  public static Dataset<Row> read(SparkSession spark, KafkaOptions kafka, String topic) {
    DataFrameReader reader = spark.read().format("kafka").option("subscribe", topic);
    for (Map.Entry<String, String> e : kafka.clientProperties().entrySet()) {
      reader = reader.option("kafka." + e.getKey(), e.getValue());
    }
    return reader.load();
  }

  /** Writes a batch with {@code key}, {@code value} (and optional {@code headers}) columns. */
  public static void write(Dataset<Row> records, KafkaOptions kafka, String topic) {
    write(records, kafka.clientProperties(), topic);
  }

  /** Writes a batch with the given client properties (bootstrap included). */
  public static void write(
      Dataset<Row> records, Map<String, String> clientProperties, String topic) {
    DataFrameWriter<Row> writer = records.write().format("kafka").option("topic", topic);
    for (Map.Entry<String, String> e : clientProperties.entrySet()) {
      writer = writer.option("kafka." + e.getKey(), e.getValue());
    }
    writer.save();
  }

  /** Writes a batch of {@code topic, key, value} rows, each to the topic it names. */
  public static void writeRouted(Dataset<Row> records, Map<String, String> clientProperties) {
    DataFrameWriter<Row> writer = records.write().format("kafka");
    for (Map.Entry<String, String> e : clientProperties.entrySet()) {
      writer = writer.option("kafka." + e.getKey(), e.getValue());
    }
    writer.save();
  }

  /** A streaming sink of {@code topic, key, value} rows, each to the topic it names. */
  public static DataStreamWriter<Row> streamRouted(Dataset<Row> records, KafkaOptions kafka) {
    DataStreamWriter<Row> writer = records.writeStream().format("kafka");
    for (Map.Entry<String, String> e : kafka.clientProperties().entrySet()) {
      writer = writer.option("kafka." + e.getKey(), e.getValue());
    }
    return writer;
  }

  /** A streaming sink of key/value(/headers) rows into a topic. */
  public static DataStreamWriter<Row> streamTo(
      Dataset<Row> records, KafkaOptions kafka, String topic) {
    DataStreamWriter<Row> writer = records.writeStream().format("kafka").option("topic", topic);
    for (Map.Entry<String, String> e : kafka.clientProperties().entrySet()) {
      writer = writer.option("kafka." + e.getKey(), e.getValue());
    }
    return writer;
  }
}
