package io.kspipeline.jobs.structured.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.common.BatchWatermark;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * A counter's shuffle carries the bytes of the records that may be late only, once its sink hands
 * the batch's watermark to the tasks; late records still leave with theirs.
 */
class ShuffledBytesTest {
  private static final int VALUE_BYTES = 8_000;
  private static final int RECORDS = 20;

  @Test
  void shouldShuffleOnlyTheBytesOfRecordsThatMayBeLate() throws Exception {
    Measured withWatermark = secondBatch(BatchWatermark::handedToTasks);
    Measured without = secondBatch(Function.identity());

    assertThat(withWatermark.output()).isEqualTo(without.output());
    assertThat(withWatermark.output()).contains("late /old");
    assertThat(without.shuffledBytes())
        .as("every record's value crosses the shuffle")
        .isGreaterThan((long) (RECORDS + 1) * VALUE_BYTES);
    assertThat(withWatermark.shuffledBytes())
        .as("only the late record's value crosses the shuffle")
        .isBetween((long) VALUE_BYTES, 3L * VALUE_BYTES);
  }

  private record Measured(List<String> output, long shuffledBytes) {}

  /**
   * Runs a batch that moves the watermark to 00:02:00, then one of {@code RECORDS} records in open
   * windows and a late one, each carrying {@code VALUE_BYTES} in its value: that batch's output and
   * the bytes its tasks wrote to shuffles.
   */
  private static Measured secondBatch(Function<Dataset<Row>, Dataset<Row>> handOver)
      throws Exception {
    Random random = new Random(7);
    SparkContext context = SparkTestSession.get().sparkContext();
    AtomicLong shuffled = new AtomicLong();
    SparkListener listener =
        new SparkListener() {
          @Override
          public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskMetrics() != null) {
              shuffled.addAndGet(end.taskMetrics().shuffleWriteMetrics().bytesWritten());
            }
          }
        };
    try (WindowResultStream stream =
        new WindowResultStream(
            WindowedCounterTest::counter,
            batch -> WindowResults.rankedAcrossShards(handOver.apply(batch), 2))) {
      stream.run("2024-01-01T00:03:00Z /now");
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < RECORDS; i++) {
        lines.add("2024-01-01T00:03:0" + (i % 10) + "Z /k" + (i % 3) + " " + padding(random));
      }
      lines.add("2024-01-01T00:00:10Z /old " + padding(random));
      context.listenerBus().waitUntilEmpty();
      context.addSparkListener(listener);
      List<String> output = stream.run(lines.toArray(new String[0]));
      context.listenerBus().waitUntilEmpty();
      return new Measured(output, shuffled.get());
    } finally {
      context.removeSparkListener(listener);
    }
  }

  /** Random letters, different for every record: the shuffle compresses what it writes. */
  private static String padding(Random random) {
    StringBuilder padding = new StringBuilder();
    for (int i = 0; i < VALUE_BYTES; i++) {
      padding.append((char) ('a' + random.nextInt(26)));
    }
    return padding.toString();
  }
}
