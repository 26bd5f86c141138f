package io.kspipeline.jobs.structured.windows;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Views of a batch of {@link WindowResult}s for the sinks: table rows, late records, keys. */
public final class WindowResults {
  private WindowResults() {}

  public static Dataset<Row> ofKind(Dataset<Row> batch, String kind) {
    return batch.where(col("kind").equalTo(kind));
  }

  /** Updated counts as table rows {@code window_start, window_end, <keyColumn>, hits}. */
  public static Dataset<Row> countRows(Dataset<Row> batch, String keyColumn) {
    return ofKind(batch, WindowResult.COUNT)
        .select(
            col("windowStart").as("window_start"),
            col("windowEnd").as("window_end"),
            col("countKey").as(keyColumn),
            col("count").as("hits"));
  }

  /** Late input records as they were, with where they came from in headers. */
  public static Dataset<Row> lateRecords(Dataset<Row> batch) {
    return ofKind(batch, WindowResult.LATE)
        .select(
            col("key"),
            col("value"),
            array(
                    header("late.source.topic", col("topic")),
                    header("late.source.partition", col("partition").cast("string")),
                    header("late.source.offset", col("offset").cast("string")))
                .as("headers"));
  }

  /** A record key naming the window: {@code 2024-01-01T00:00:00Z/2024-01-01T00:00:30Z}. */
  public static Column windowKey() {
    return concat_ws("/", iso(col("windowStart")), iso(col("windowEnd")));
  }

  private static Column iso(Column time) {
    return date_format(time, "yyyy-MM-dd'T'HH:mm:ss'Z'");
  }

  private static Column header(String key, Column value) {
    return struct(lit(key).as("key"), value.cast("binary").as("value"));
  }
}
