package io.kspipeline.jobs.structured.windows;

import static io.kspipeline.jobs.jdbc.Column.Type.BIGINT;
import static io.kspipeline.jobs.jdbc.Column.Type.TEXT;
import static io.kspipeline.jobs.jdbc.Column.Type.TIMESTAMP;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.metrics.JobCounters;
import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.schemas.avro.Ranking;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Views of a batch of {@link WindowResult}s for the sinks: table rows, late records, keys. */
public final class WindowResults {
  private WindowResults() {}

  /** A table of window counts: {@code (window_start, window_end, <keyColumn>)} → {@code hits}. */
  public static TableSpec table(String name, String keyColumn) {
    return new TableSpec(
        name,
        List.of(
            io.kspipeline.jobs.jdbc.Column.of("window_start", TIMESTAMP),
            io.kspipeline.jobs.jdbc.Column.of("window_end", TIMESTAMP),
            io.kspipeline.jobs.jdbc.Column.of(keyColumn, TEXT)),
        List.of(io.kspipeline.jobs.jdbc.Column.of("hits", BIGINT)));
  }

  /**
   * A batch of counter results with each updated window's top N ranked across shards (count desc,
   * then key): the shards' rank rows of a window meet in one task, the other rows (counts, late
   * records, dead letters) stay where they are. Each shard emits count rows only for what it
   * changed and each late record once, so nothing else needs combining.
   */
  public static Dataset<Row> rankedAcrossShards(Dataset<Row> batch, int topN) {
    if (topN <= 0) {
      return batch;
    }
    Column place =
        row_number()
            .over(
                Window.partitionBy(col("windowStart"), col("windowEnd"))
                    .orderBy(col("count").desc(), col("countKey").asc()));
    Dataset<Row> ranks =
        ofKind(batch, WindowResult.RANK).withColumn("rank", place).where(col("rank").leq(topN));
    return ranks.unionByName(batch.where(col("kind").notEqual(WindowResult.RANK)));
  }

  /**
   * The batch's dead letters as the sink's dead-letter output takes them: Kafka-shaped rows with
   * the record's {@code timestamp}, {@code errorClass} and {@code error}.
   */
  public static Dataset<Row> rejectedRecords(Dataset<Row> batch) {
    return ofKind(batch, WindowResult.DEAD).withColumnRenamed("recordTimestamp", "timestamp");
  }

  /** The results, with the late records and dead letters of each batch counted for the metrics. */
  public static Dataset<Row> counted(Dataset<Row> results) {
    return JobCounters.countedWhere(
        lateCounted(results), col("kind").equalTo(WindowResult.DEAD), JobCounters.DEAD_LETTERED);
  }

  public static Dataset<Row> ofKind(Dataset<Row> batch, String kind) {
    return batch.where(col("kind").equalTo(kind));
  }

  /** The results, with the late records of each batch counted for the metrics. */
  private static Dataset<Row> lateCounted(Dataset<Row> results) {
    return JobCounters.countedWhere(
        results, col("kind").equalTo(WindowResult.LATE), JobCounters.LATE);
  }

  /**
   * Updated counts as table rows {@code window_start, window_end, <keyColumn>, hits}: the count
   * rows, and the ranked keys whose count the batch did not change but which had no row for the
   * window yet — a key that enters the top N as others fall below it.
   */
  public static Dataset<Row> countRows(Dataset<Row> batch, String keyColumn) {
    Column unchangedRank = col("kind").equalTo(WindowResult.RANK).and(not(col("changed")));
    return batch
        .where(col("kind").equalTo(WindowResult.COUNT).or(unchangedRank))
        .select(
            col("windowStart").as("window_start"),
            col("windowEnd").as("window_end"),
            col("countKey").as(keyColumn),
            col("count").as("hits"));
  }

  /** Late input records as they were read, Kafka-shaped, for the sink's late output. */
  public static Dataset<Row> lateRecords(Dataset<Row> batch) {
    return ofKind(batch, WindowResult.LATE)
        .select(col("key"), col("value"), col("topic"), col("partition"), col("offset"));
  }

  /**
   * One record per updated window: its top N as a {@code Ranking} (rank, key, count), keyed by the
   * window, so a compacted topic keeps each window's latest ranking.
   */
  public static Dataset<Row> rankings(
      Dataset<Row> batch, OutputFormat format, String topic, Map<String, String> registryConfig) {
    Dataset<Row> windows =
        ofKind(batch, WindowResult.RANK)
            .groupBy(col("windowStart"), col("windowEnd"))
            .agg(
                sort_array(
                        collect_list(struct(col("rank"), col("countKey").as("key"), col("count"))))
                    .as("entries"));
    return windows.select(
        windowKey().as("key"),
        format
            .encode(
                struct(col("windowStart"), col("windowEnd"), col("entries")),
                Ranking.getClassSchema(),
                topic,
                registryConfig)
            .as("value"));
  }

  /** The ranked entries of the updated windows, for the console. */
  public static Dataset<Row> rankedView(Dataset<Row> batch, String keyColumn) {
    return ofKind(batch, WindowResult.RANK)
        .select(
            col("windowStart"),
            col("windowEnd"),
            col("rank"),
            col("countKey").as(keyColumn),
            col("count").as("hits"))
        .orderBy(col("windowStart"), col("rank"));
  }

  /** A record key naming the window: {@code 2024-01-01T00:00:00Z/2024-01-01T00:00:30Z}. */
  public static Column windowKey() {
    return concat_ws("/", iso(col("windowStart")), iso(col("windowEnd")));
  }

  private static Column iso(Column time) {
    return date_format(time, "yyyy-MM-dd'T'HH:mm:ss'Z'");
  }
}
