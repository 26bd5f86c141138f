package io.kspipeline.jobs.common.divert;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import io.kspipeline.jobs.common.DeadLetters;
import io.kspipeline.jobs.common.KafkaIO;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a micro-batch sets aside — dead letters, late records — written to their {@link
 * Destination}: to a topic as Kafka records its readers expect, to a file or the console as
 * readable columns. The rows given are Kafka-shaped ({@code key, value, topic, partition, offset},
 * a negative partition for a file or socket line whose {@code topic} names it).
 */
public final class DivertedRecords implements Serializable {
  /** The two shapes of the set-aside rows. */
  private interface Shapes extends Serializable {
    Dataset<Row> forTopic(Dataset<Row> rows, String topic);

    Dataset<Row> readable(Dataset<Row> rows);
  }

  private static final Logger LOG = LoggerFactory.getLogger(DivertedRecords.class);
  private static final int CONSOLE_ROWS = 1000;

  private final String what;
  private final Destination destination;
  private final Shapes shapes;

  private DivertedRecords(String what, Destination destination, Shapes shapes) {
    this.what = what;
    this.destination = destination;
    this.shapes = shapes;
  }

  /**
   * Dead letters, from rows with {@code errorClass} and {@code error} columns and, when known, the
   * record's {@code timestamp}: a {@code DeadLetter} (Avro, Confluent framing) keyed as the record
   * was for a topic.
   *
   * @param stage the job (or job and table) that rejected them
   */
  public static DivertedRecords deadLetters(
      Destination destination, String stage, Map<String, String> registryConfig) {
    HashMap<String, String> registry = new HashMap<>(registryConfig);
    return new DivertedRecords(
        "dead letters",
        destination,
        new Shapes() {
          @Override
          public Dataset<Row> forTopic(Dataset<Row> rows, String topic) {
            return DeadLetters.fromKafkaRows(
                rows, col("errorClass"), col("error"), stage, topic, registry);
          }

          @Override
          public Dataset<Row> readable(Dataset<Row> rows) {
            return DeadLetters.readable(rows, stage);
          }
        });
  }

  /** Late records as they were read, where they came from in headers for a topic. */
  public static DivertedRecords lateRecords(Destination destination) {
    return new DivertedRecords(
        "late records",
        destination,
        new Shapes() {
          @Override
          public Dataset<Row> forTopic(Dataset<Row> rows, String topic) {
            return rows.select(
                col("key"),
                col("value"),
                array(
                        header("late.source.topic", col("topic")),
                        header("late.source.partition", col("partition").cast("string")),
                        header("late.source.offset", col("offset").cast("string")))
                    .as("headers"));
          }

          @Override
          public Dataset<Row> readable(Dataset<Row> rows) {
            List<Column> fields = DeadLetters.provenance(DeadLetters.recordTimestamp(rows));
            fields.add(col("value").cast(DataTypes.StringType).as("payload"));
            return rows.select(fields.toArray(new Column[0]));
          }
        });
  }

  public Destination destination() {
    return destination;
  }

  /**
   * Writes a micro-batch's set-aside rows. A file destination gets a {@code batch=<id>} directory,
   * replaced if the batch is replayed (and removed if the replay sets nothing aside), none for a
   * batch with nothing set aside.
   */
  public void write(
      Dataset<Row> rows, long batchId, String queryName, Map<String, String> kafkaClient) {
    write(rows, batchId, queryName, kafkaClient, SaveMode.Overwrite);
  }

  /**
   * Adds rows to what {@link #write} wrote for the batch: the rows its table refused, set aside
   * after its other dead letters. A replay of the batch replaces both: its {@link #write} comes
   * first.
   */
  public void add(
      Dataset<Row> rows, long batchId, String queryName, Map<String, String> kafkaClient) {
    write(rows, batchId, queryName, kafkaClient, SaveMode.Append);
  }

  private void write(
      Dataset<Row> rows,
      long batchId,
      String queryName,
      Map<String, String> kafkaClient,
      SaveMode mode) {
    if (destination instanceof Destination.Topic topic) {
      KafkaIO.write(shapes.forTopic(rows, topic.name()), kafkaClient, topic.name());
      return;
    }
    Dataset<Row> readable = shapes.readable(rows).persist();
    try {
      long count = readable.count();
      if (count > 0) {
        writeReadable(readable, batchId, queryName, mode);
        LOG.warn("{} batch {}: {} {} to {}", queryName, batchId, count, what, where(batchId));
      } else if (mode == SaveMode.Overwrite) {
        removeBatch(readable.sparkSession(), batchId);
      }
    } finally {
      readable.unpersist();
    }
  }

  /** Removes what an earlier run of the batch wrote, so that a replay starts from nothing. */
  private void removeBatch(SparkSession spark, long batchId) {
    if (destination instanceof Destination.Directory directory) {
      Path batch = new Path(directory.path() + "/batch=" + batchId);
      try {
        FileSystem fs = batch.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(batch)) {
          fs.delete(batch, true);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + batch, e);
      }
    }
  }

  /** Where a batch's rows went, as the log line names it. */
  private String where(long batchId) {
    return destination instanceof Destination.Directory directory
        ? directory.path() + "/batch=" + batchId
        : destination.toString();
  }

  private void writeReadable(Dataset<Row> readable, long batchId, String queryName, SaveMode mode) {
    if (destination instanceof Destination.Directory directory) {
      // Every field in every line, null ones too, so each file reads the same way.
      readable
          .write()
          .mode(mode)
          .option("ignoreNullFields", false)
          .json(directory.path() + "/batch=" + batchId);
    } else {
      System.out.printf("%s: batch %d %s%n", queryName, batchId, what);
      readable.show(CONSOLE_ROWS, false);
    }
  }

  private static Column header(String key, Column value) {
    return struct(lit(key).as("key"), value.cast("binary").as("value"));
  }
}
