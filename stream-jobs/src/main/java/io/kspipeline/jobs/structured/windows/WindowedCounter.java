package io.kspipeline.jobs.structured.windows;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.kspipeline.core.config.Durations;
import java.time.Duration;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
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
    return input
        .as(Encoders.bean(WindowedEvent.class))
        .groupByKey((MapFunction<WindowedEvent, Long>) e -> 0L, Encoders.LONG())
        .flatMapGroupsWithState(
            new WindowCountFunction(windows, topN),
            OutputMode.Update(),
            Encoders.kryo(OpenWindows.class),
            Encoders.bean(WindowResult.class),
            GroupStateTimeout.NoTimeout());
  }
}
