package io.kspipeline.jobs.structured.windows;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * Sliding windows, watermark and late records on a memory stream, batch by batch: event times are
 * written into the input, so no time passes in the test.
 */
class WindowedCounterTest {
  /** Each batch's output, collected on the driver. */
  static final List<List<String>> BATCHES = new CopyOnWriteArrayList<>();

  private final SparkSession spark = SparkTestSession.get();
  private MemoryStream<String> input;
  private StreamingQuery query;

  @BeforeEach
  void start() throws Exception {
    BATCHES.clear();
    input = new MemoryStream<>(2, spark.sqlContext(), Option.empty(), Encoders.STRING());
    Dataset<Row> events =
        input
            .toDF()
            .select(split(col("value"), " ").as("f"))
            .select(
                col("f").getItem(0).cast("timestamp").as("eventTime"),
                col("f").getItem(1).as("countKey"),
                lit(null).cast("binary").as("key"),
                col("f").getItem(1).cast("binary").as("value"),
                lit("in").as("topic"),
                lit(0).as("partition"),
                lit(0L).as("offset"));
    query =
        WindowedCounter.count(
                events,
                new WindowSpec(Duration.ofSeconds(30), Duration.ofSeconds(10)),
                Duration.ofSeconds(60),
                2)
            .toDF()
            .writeStream()
            .outputMode("update")
            .foreachBatch(
                (VoidFunction2<Dataset<Row>, Long>)
                    (batch, id) -> {
                      List<String> rows = new ArrayList<>();
                      for (Row r : batch.collectAsList()) {
                        rows.add(describe(r));
                      }
                      rows.sort(null);
                      BATCHES.add(rows);
                    })
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    query.stop();
  }

  private static String describe(Row r) {
    String kind = r.getAs("kind");
    if (kind.equals(WindowResult.LATE)) {
      return "late " + r.getAs("countKey");
    }
    String window =
        r.getAs("windowStart").toString().substring(14, 19)
            + "-"
            + r.getAs("windowEnd").toString().substring(14, 19);
    return kind
        + " "
        + window
        + " "
        + r.getAs("countKey")
        + "="
        + r.getAs("count")
        + (kind.equals(WindowResult.RANK) ? " #" + r.getAs("rank") : "");
  }

  private List<String> run(String... events) {
    input.addData(JavaConverters.asScalaBuffer(List.of(events)).toSeq());
    query.processAllAvailable();
    return BATCHES.get(BATCHES.size() - 1);
  }

  @Test
  void shouldCountEachEventInEveryWindowThatContainsIt() {
    List<String> out =
        run("2024-01-01T00:00:15Z /a", "2024-01-01T00:00:16Z /a", "2024-01-01T00:00:25Z /b");

    assertThat(out)
        .contains(
            "count 59:50-00:20 /a=2",
            "count 00:00-00:30 /a=2",
            "count 00:00-00:30 /b=1",
            "count 00:10-00:40 /a=2",
            "count 00:10-00:40 /b=1",
            "rank 00:10-00:40 /a=2 #1",
            "rank 00:10-00:40 /b=1 #2")
        .noneMatch(s -> s.startsWith("late"));
  }

  @Test
  void shouldSendRecordsBehindTheWatermarkToLateAndLeaveClosedWindowsAlone() {
    run("2024-01-01T00:00:15Z /a");
    run("2024-01-01T00:03:00Z /z"); // watermark becomes 00:02:00 for the next batch
    run("2024-01-01T00:03:01Z /z"); // a batch to move the watermark

    List<String> out = run("2024-01-01T00:00:16Z /a", "2024-01-01T00:01:55Z /b");

    assertThat(out).contains("late /a");
    // 00:01:55 is in windows ending 02:10 and 02:20 (open) but not 02:00 (closed): counted, not
    // late.
    assertThat(out).contains("count 01:40-02:10 /b=1", "count 01:50-02:20 /b=1");
    assertThat(out).noneMatch(s -> s.contains("01:30-02:00"));
    assertThat(out).noneMatch(s -> s.contains("/a="));
  }
}
