package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.common.metrics.BatchFigures;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.collection.immutable.Map;
import scala.collection.immutable.Map$;

/** A DStream batch report as the figures the Structured jobs' series carry. */
class DStreamBatchListenerTest {
  /** A batch of {@code records} from one input stream, processed from startMs to endMs. */
  @SuppressWarnings("unchecked")
  private static BatchInfo batch(long time, long records, long startMs, long endMs) {
    Map<Object, StreamInputInfo> inputs =
        (Map<Object, StreamInputInfo>)
            (Map<?, ?>)
                Map$.MODULE$
                    .<Object, StreamInputInfo>empty()
                    .updated(0, new StreamInputInfo(0, records, Map$.MODULE$.empty()));
    return new BatchInfo(
        new Time(time),
        inputs,
        time,
        Option.apply((Object) startMs),
        Option.apply((Object) endMs),
        Map$.MODULE$.empty());
  }

  @Test
  void shouldReportTheBatchWithItsDeadLettersOnce() {
    DStreamBatchListener.deadLettered("error-lines", new Time(2_000), 2);
    DStreamBatchListener.deadLettered("error-lines", new Time(2_000), 1);
    // Another job's and another batch's dead letters are not this batch's.
    DStreamBatchListener.deadLettered("hashtag-counts", new Time(2_000), 5);
    DStreamBatchListener.deadLettered("error-lines", new Time(4_000), 7);

    BatchFigures figures =
        DStreamBatchListener.figures("error-lines", batch(2_000, 40, 2_100, 2_600));

    assertThat(figures.query()).isEqualTo("error-lines");
    assertThat(figures.batchId()).isEqualTo(2_000);
    assertThat(figures.inputRows()).isEqualTo(40);
    assertThat(figures.batchDurationMs()).isEqualTo(500);
    assertThat(figures.processedRowsPerSecond()).isEqualTo(80.0);
    assertThat(figures.deadLetteredRows()).isEqualTo(3);
    assertThat(figures.consumerLag()).isNull();
    assertThat(figures.watermark()).isNull();
    // Counted once: a second report of the same batch carries none.
    assertThat(
            DStreamBatchListener.figures("error-lines", batch(2_000, 40, 2_100, 2_600))
                .deadLetteredRows())
        .isZero();
    assertThat(
            DStreamBatchListener.figures("error-lines", batch(4_000, 1, 4_000, 4_000))
                .deadLetteredRows())
        .isEqualTo(7);
  }
}
