package io.kspipeline.jobs.structured.windows;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.kspipeline.core.config.Durations;
import java.time.Duration;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.KeyValueGroupedDataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * Counts per key over sliding (or tumbling) event-time windows with a watermark, like Spark's
 * {@code groupBy(window(...), key).count()} in update mode, but late records are emitted (kind
 * {@code late}) rather than dropped silently, and each updated window also emits its top N.
 */
public final class WindowedCounter {
  private WindowedCounter() {}

  /**
   * @param events rows with {@code eventTime} (timestamp), {@code countKey} (string), and the
   *     provenance {@code key, value, topic, partition, offset}
   * @param watermark how far behind the latest event time a record may arrive and still count
   * @param topN ranked entries per updated window; 0 for none
   */
  public static Dataset<WindowResult> count(
      Dataset<Row> events, WindowSpec windows, Duration watermark, int topN) {
    return grouped(events, watermark)
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
      Dataset<Row> events, WindowSpec windows, Duration watermark, int topN) {
    return grouped(events, watermark)
        .flatMapGroupsWithState(
            new SlidingTopNFunction(windows, topN),
            OutputMode.Update(),
            Encoders.kryo(SlideBuckets.class),
            Encoders.bean(WindowResult.class),
            GroupStateTimeout.NoTimeout());
  }

  private static KeyValueGroupedDataset<Long, WindowedEvent> grouped(
      Dataset<Row> events, Duration watermark) {
    Dataset<Row> input =
        events
            .withWatermark("eventTime", Durations.toSparkInterval(watermark))
            .select(
                lit(0L).as("windowStart"),
                col("eventTime"),
                col("countKey"),
                col("key"),
                col("value"),
                col("topic"),
                col("partition").cast("int"),
                col("offset").cast("long"));
    // One group: see WindowCountFunction for why all windows share it.
    return input
        .as(Encoders.bean(WindowedEvent.class))
        .groupByKey((MapFunction<WindowedEvent, Long>) e -> 0L, Encoders.LONG());
  }
}
