package io.kspipeline.jobs.structured.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.common.BatchWatermark;
import java.time.Duration;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sliding windows, watermark and late records on a memory stream, batch by batch: event times are
 * written into the input, so no time passes in the test.
 */
class WindowedCounterTest {
  /** Several shards, so that rankings are made across them. */
  private static final int SHARDS = 4;

  private WindowResultStream stream;

  /** The counter under test: 30 s windows every 10 s, a 60 s watermark, the top 2. */
  static Dataset<WindowResult> counter(Dataset<Row> events) {
    return WindowedCounter.count(
        events,
        new WindowSpec(Duration.ofSeconds(30), Duration.ofSeconds(10)),
        Duration.ofSeconds(60),
        2,
        SHARDS);
  }

  @BeforeEach
  void start() throws Exception {
    stream =
        new WindowResultStream(
            WindowedCounterTest::counter,
            batch -> WindowResults.rankedAcrossShards(BatchWatermark.handedToTasks(batch), 2));
  }

  @AfterEach
  void stop() throws Exception {
    stream.close();
  }

  private List<String> run(String... events) {
    return stream.run(events);
  }

  @Test
  void shouldCountEachEventInEveryWindowThatContainsIt() {
    List<String> out =
        run("2024-01-01T00:00:15Z /a", "2024-01-01T00:00:16Z /a", "2024-01-01T00:00:25Z /b");

    // 30 s windows every 10 s: :15 and :16 are in the windows starting 59:50, 00:00 and 00:10,
    // :25 in those starting 00:00, 00:10 and 00:20. Each window updated: its counts and its top 2.
    assertThat(out)
        .containsExactly(
            "count 00:00-00:30 /a=2",
            "count 00:00-00:30 /b=1",
            "count 00:10-00:40 /a=2",
            "count 00:10-00:40 /b=1",
            "count 00:20-00:50 /b=1",
            "count 59:50-00:20 /a=2",
            "rank 00:00-00:30 /a=2 #1",
            "rank 00:00-00:30 /b=1 #2",
            "rank 00:10-00:40 /a=2 #1",
            "rank 00:10-00:40 /b=1 #2",
            "rank 00:20-00:50 /b=1 #1",
            "rank 59:50-00:20 /a=2 #1");
  }

  @Test
  void shouldSendRecordsBehindTheWatermarkToLateAndLeaveClosedWindowsAlone() {
    run("2024-01-01T00:00:15Z /a");
    run("2024-01-01T00:03:00Z /z"); // watermark becomes 00:02:00 for the next batch
    run("2024-01-01T00:03:01Z /z"); // a batch to move the watermark

    List<String> out = run("2024-01-01T00:00:16Z /a", "2024-01-01T00:01:55Z /b");

    // /a's windows all closed: late, counted nowhere. 00:01:55 is in windows ending 02:10 and 02:20
    // (open) but not 02:00 (closed): counted, not late. The /z windows are not updated.
    assertThat(out)
        .containsExactly(
            "count 01:40-02:10 /b=1",
            "count 01:50-02:20 /b=1",
            "late /a",
            "rank 01:40-02:10 /b=1 #1",
            "rank 01:50-02:20 /b=1 #1");
  }

  @Test
  void shouldDivertARecordLateByOneMillisecondWithItsBytes() {
    run("2024-01-01T00:03:00Z /z"); // the watermark becomes exactly 00:02:00

    // 01:39.999 is last in the window ending 02:00, closed at the watermark; its bytes were kept
    // for the diversion. 01:40.000 is also in the window ending 02:10, open: counted.
    List<String> out = run("2024-01-01T00:01:39.999Z /edge", "2024-01-01T00:01:40Z /open");

    assertThat(out)
        .containsExactly("count 01:40-02:10 /open=1", "late /edge", "rank 01:40-02:10 /open=1 #1");
  }
}
