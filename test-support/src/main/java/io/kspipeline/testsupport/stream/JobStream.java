package io.kspipeline.testsupport.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * A streaming job under test, driven as a script in the manner of Spark's {@code StreamTest}: add
 * records to a memory stream shaped like Spark's Kafka source, run a batch and look at what it
 * emitted (each kind of output: results, late records, dead letters), stop and restart on the same
 * checkpoint, and read how many state rows each state partition holds. Nothing waits for time to
 * pass: event time is in the data, and a batch runs when the test says so.
 *
 * <p>{@link #toString()} is the script so far with each batch's output, for assertion messages
 * ({@code assertThat(...).as("%s", stream)}), so a failure shows how the job got there.
 */
public final class JobStream implements AutoCloseable {
  private static final AtomicInteger STREAM_IDS = new AtomicInteger(1_000);

  private final SparkSession spark;
  private final String topic;
  private final String checkpoint;
  private final UnaryOperator<Dataset<Row>> job;
  private final UnaryOperator<Dataset<Row>> shape;
  private final MemoryStream<SourceRecord> input;
  private final List<Batch> batches = new CopyOnWriteArrayList<>();
  private final List<String> script = new ArrayList<>();
  private StreamingQuery query;
  private long nextOffset;

  /** Records added since the last run(), handed to the query together by the next run(). */
  private final List<SourceRecord> pending = new ArrayList<>();

  private JobStream(
      SparkSession spark,
      String topic,
      Path checkpoint,
      UnaryOperator<Dataset<Row>> job,
      UnaryOperator<Dataset<Row>> shape) {
    this.spark = spark;
    this.topic = topic;
    this.checkpoint = checkpoint.toString();
    this.job = job;
    this.shape = shape;
    this.input =
        new MemoryStream<>(
            STREAM_IDS.incrementAndGet(),
            spark.sqlContext(),
            Option.empty(),
            Encoders.bean(SourceRecord.class));
  }

  /**
   * Starts a job on a fresh memory stream.
   *
   * @param topic the topic name the records appear to come from
   * @param checkpoint the query's checkpoint directory (kept across {@link #restart()})
   * @param job the job's pipeline: Kafka-shaped source rows to its output rows (update mode)
   * @param shape what the job's sink does to each batch before its outputs read it (identity if
   *     nothing)
   */
  public static JobStream start(
      SparkSession spark,
      String topic,
      Path checkpoint,
      UnaryOperator<Dataset<Row>> job,
      UnaryOperator<Dataset<Row>> shape) {
    JobStream stream = new JobStream(spark, topic, checkpoint, job, shape);
    stream.startQuery();
    return stream;
  }

  /** Adds records with these UTF-8 values (no key), at the next offsets of partition 0. */
  public JobStream add(String... values) {
    byte[][] bytes = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = values[i] == null ? null : values[i].getBytes(StandardCharsets.UTF_8);
    }
    script.add("add " + values.length + " records: " + String.join(" | ", values));
    return addBytes(bytes);
  }

  /** Adds records with these values (no key), at the next offsets of partition 0. */
  public JobStream add(byte[]... values) {
    script.add("add " + values.length + " binary records");
    return addBytes(values);
  }

  private JobStream addBytes(byte[][] values) {
    for (byte[] value : values) {
      pending.add(new SourceRecord(topic, 0, nextOffset++, null, value));
    }
    return this;
  }

  /** Runs what was added as the next batch and returns its output (empty if none ran). */
  public Batch run() {
    int before = batches.size();
    // Handed to the running query in one piece only now: added piecemeal, the query could take
    // the first records in a batch of their own before run() is called.
    if (!pending.isEmpty()) {
      input.addData(JavaConverters.asScalaBuffer(new ArrayList<>(pending)).toSeq());
      pending.clear();
    }
    query.processAllAvailable();
    Batch batch = batches.size() > before ? batches.get(batches.size() - 1) : Batch.NONE;
    script.add("run → " + batch);
    return batch;
  }

  /** Stops the query and starts it again on the same checkpoint, as after a crash or deploy. */
  public JobStream restart() throws TimeoutException {
    query.stop();
    script.add("restart");
    startQuery();
    return this;
  }

  /** State partition → rows, for the query's first stateful operator, as of the last batch. */
  public Map<Integer, Long> stateRows() {
    try {
      return StateRows.perPartition(checkpoint, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The partitions whose state holds at least one row. */
  public long statePartitionsWithRows() {
    return stateRows().values().stream().filter(rows -> rows > 0).count();
  }

  @Override
  public void close() throws TimeoutException {
    query.stop();
  }

  @Override
  public String toString() {
    return "job stream script:\n  " + String.join("\n  ", script) + "\nstate: " + stateRows();
  }

  private void startQuery() {
    try {
      query =
          job.apply(input.toDF())
              .writeStream()
              .outputMode("update")
              .option("checkpointLocation", checkpoint)
              .foreachBatch(
                  (VoidFunction2<Dataset<Row>, Long>)
                      (batch, id) -> batches.add(new Batch(id, shape.apply(batch).collectAsList())))
              .start();
    } catch (TimeoutException e) {
      throw new IllegalStateException("query did not start", e);
    }
  }
}
