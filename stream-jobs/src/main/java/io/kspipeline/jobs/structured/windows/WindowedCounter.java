package io.kspipeline.jobs.structured.windows;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.kspipeline.core.config.Durations;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.types.DataTypes;

/**
 * Counts per key over sliding (or tumbling) event-time windows with a watermark, like Spark's
 * {@code groupBy(window(...), key).count()} in update mode, but late records are emitted (kind
 * {@code late}) rather than dropped silently, dead letters pass through to the same output, and
 * each updated window also emits its top N.
 *
 * <p>State is spread over {@code shards} groups by key ({@link ShardRouting}), so the stateful work
 * runs in as many tasks as {@code spark.sql.shuffle.partitions} allows. The number of shards is
 * part of the state's layout: a checkpoint must keep the number it started with.
 *
 * <p>Input rows: {@code eventTime} (timestamp), {@code countKey} (string) and the record's {@code
 * key, value, topic, partition, offset}; optionally {@code kind} ({@code event} or {@code dead}),
 * {@code recordTimestamp}, {@code errorClass} and {@code error} for dead letters.
 */
public final class WindowedCounter {
  /** Shards of a counter's state unless a job says otherwise. */
  public static final int DEFAULT_SHARDS = 64;

  private static final List<String> OPTIONAL =
      List.of("kind", "recordTimestamp", "errorClass", "error");

  private WindowedCounter() {}

  /**
   * @param watermark how far behind the latest event time a record may arrive and still count
   * @param topN ranked entries per updated window; 0 for none
   */
  public static Dataset<WindowResult> count(
      Dataset<Row> records, WindowSpec windows, Duration watermark, int topN, int shards) {
    ShardRouting routing = new ShardRouting(shards, windows, topN > 0, false);
    return sharded(records, routing, watermark)
        .flatMapGroupsWithState(
            new WindowCountFunction(windows, topN),
            OutputMode.Update(),
            Encoders.kryo(OpenWindows.class),
            Encoders.bean(WindowResult.class),
            GroupStateTimeout.NoTimeout());
  }

  /**
   * The top N keys of each window, for long windows with a short slide (300 s sliding 1 s): each
   * event is counted once, in its slide, instead of once per window (see {@link
   * SlidingTopNFunction}). Emits rank rows per window and count rows for the top N and the keys a
   * batch changed, plus late records.
   */
  public static Dataset<WindowResult> topPerSlide(
      Dataset<Row> records, WindowSpec windows, Duration watermark, int topN, int shards) {
    ShardRouting routing = new ShardRouting(shards, windows, true, false);
    return sharded(records, routing, watermark)
        .flatMapGroupsWithState(
            new SlidingTopNFunction(windows, topN),
            OutputMode.Update(),
            Encoders.kryo(SlideBuckets.class),
            Encoders.bean(WindowResult.class),
            GroupStateTimeout.NoTimeout());
  }

  /**
   * Running totals per key since the beginning of the input ({@code eventTime} not needed), the
   * whole table in every batch with events; records are summed per key before the shuffle.
   */
  @SuppressWarnings("unchecked")
  public static Dataset<WindowResult> totals(Dataset<Row> records, int shards) {
    ShardRouting routing = new ShardRouting(shards, null, true, true);
    Class<HashMap<String, Long>> stateClass =
        (Class<HashMap<String, Long>>) (Class<?>) HashMap.class;
    return sharded(records, routing, null)
        .flatMapGroupsWithState(
            new RunningCountFunction(),
            OutputMode.Update(),
            Encoders.kryo(stateClass),
            Encoders.bean(WindowResult.class),
            GroupStateTimeout.NoTimeout());
  }

  /**
   * A counter's input from every record of a job's input ({@code kind}, provenance and, for dead
   * letters, the reason, as {@code AccessLogInput.records()} gives them): its event time and count
   * key (either may be null on a dead letter), with the rest carried along.
   */
  public static Dataset<Row> keyed(Dataset<Row> records, Column eventTime, Column countKey) {
    List<Column> columns = new java.util.ArrayList<>();
    columns.add(eventTime.as("eventTime"));
    columns.add(countKey.as("countKey"));
    columns.add(col("kind"));
    for (String name : RecordOrigin.COLUMNS) {
      columns.add(col(name));
    }
    return records.select(columns.toArray(new Column[0]));
  }

  private static KeyValueGroupedDataset<Long, WindowedEvent> sharded(
      Dataset<Row> records, ShardRouting routing, Duration watermark) {
    Dataset<Row> routed =
        withOptionalColumns(records)
            .select(
                col("kind"),
                lit(0L).as("shard"),
                col("eventTime"),
                col("countKey"),
                lit(1L).as("weight"),
                col("key"),
                col("value"),
                col("topic"),
                col("partition").cast("int"),
                col("offset").cast("long"),
                col("recordTimestamp"),
                col("errorClass"),
                col("error"),
                lit(null).cast(DataTypes.createArrayType(DataTypes.LongType)).as("touched"),
                lit(true).as("firstOfRecord"))
            .as(Encoders.bean(WindowedEvent.class))
            .mapPartitions(routing, Encoders.bean(WindowedEvent.class))
            .toDF();
    if (watermark != null) {
      // After the routing step, so that the state function sees the watermark; ticks and dead
      // letters have no event time and do not move it.
      routed = routed.withWatermark("eventTime", Durations.toSparkInterval(watermark));
    }
    return routed.groupBy(col("shard")).as(Encoders.LONG(), Encoders.bean(WindowedEvent.class));
  }

  private static Dataset<Row> withOptionalColumns(Dataset<Row> records) {
    List<String> present = Arrays.asList(records.columns());
    Dataset<Row> out = records;
    for (String name : OPTIONAL) {
      if (!present.contains(name)) {
        Column value =
            name.equals("kind")
                ? lit(WindowedEvent.EVENT)
                : lit(null).cast(name.equals("recordTimestamp") ? "timestamp" : "string");
        out = out.withColumn(name, value);
      }
    }
    if (!present.contains("eventTime")) {
      out = out.withColumn("eventTime", lit(null).cast("timestamp"));
    }
    return out;
  }
}
