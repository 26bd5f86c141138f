package io.kspipeline.jobs.structured.windows;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;

import io.kspipeline.jobs.SparkTestSession;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
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
 * A windowed counter on a memory stream, driven batch by batch: each input line is {@code <ISO
 * time> <key>} (anything after is carried in the record's value only), so event time is written
 * into the data and no time passes in a test. Each batch's output comes back as sorted strings such
 * as {@code count 00:00-00:30 /a=2} or {@code rank 00:00-00:30 /a=2 #1} or {@code late /a}, a late
 * record described from the bytes it was diverted with.
 */
final class WindowResultStream implements AutoCloseable {
  /** Each batch's output, collected on the driver (static: the sink runs in a closure). */
  private static final List<List<String>> BATCHES = new CopyOnWriteArrayList<>();

  private final MemoryStream<String> input;
  private final StreamingQuery query;

  /**
   * @param counter the counter under test, given the events
   * @param shape what the job's sink does to each batch (ranking across shards)
   */
  WindowResultStream(
      Function<Dataset<Row>, Dataset<WindowResult>> counter,
      Function<Dataset<Row>, Dataset<Row>> shape)
      throws Exception {
    BATCHES.clear();
    SparkSession spark = SparkTestSession.get();
    input = new MemoryStream<>(2, spark.sqlContext(), Option.empty(), Encoders.STRING());
    Dataset<Row> events =
        input
            .toDF()
            .select(split(col("value"), " ").as("f"), col("value").as("line"))
            .select(
                col("f").getItem(0).cast("timestamp").as("eventTime"),
                col("f").getItem(1).as("countKey"),
                lit(null).cast("binary").as("key"),
                col("line").cast("binary").as("value"),
                lit("in").as("topic"),
                lit(0).as("partition"),
                lit(-1L).as("offset"));
    query =
        counter
            .apply(events)
            .toDF()
            .writeStream()
            .outputMode("update")
            .foreachBatch(
                (VoidFunction2<Dataset<Row>, Long>)
                    (batch, id) -> {
                      Dataset<Row> shaped = shape.apply(batch);
                      List<String> rows = new ArrayList<>();
                      for (Row r : shaped.where(col("kind").notEqual("count")).collectAsList()) {
                        rows.add(describe(r));
                      }
                      // Count rows as the table gets them.
                      for (Row r : WindowResults.countRows(shaped, "k").collectAsList()) {
                        rows.add(describeCount(r));
                      }
                      rows.sort(null);
                      BATCHES.add(rows);
                    })
            .start();
  }

  /** Adds the lines as one batch and returns what that batch emitted. */
  List<String> run(String... events) {
    input.addData(JavaConverters.asScalaBuffer(List.of(events)).toSeq());
    query.processAllAvailable();
    return BATCHES.get(BATCHES.size() - 1);
  }

  @Override
  public void close() throws Exception {
    query.stop();
  }

  private static String describeCount(Row r) {
    return "count "
        + window(r.getAs("window_start"), r.getAs("window_end"))
        + " "
        + r.getAs("k")
        + "="
        + r.getAs("hits");
  }

  private static String window(Object start, Object end) {
    return start.toString().substring(14, 19) + "-" + end.toString().substring(14, 19);
  }

  private static String describe(Row r) {
    String kind = r.getAs("kind");
    if (kind.equals(WindowResult.LATE)) {
      byte[] value = r.getAs("value");
      return "late " + (value == null ? "(no bytes)" : new String(value, UTF_8).split(" ")[1]);
    }
    String window = window(r.getAs("windowStart"), r.getAs("windowEnd"));
    return kind
        + " "
        + window
        + " "
        + r.getAs("countKey")
        + "="
        + r.getAs("count")
        + (kind.equals(WindowResult.RANK) ? " #" + r.getAs("rank") : "");
  }
}
