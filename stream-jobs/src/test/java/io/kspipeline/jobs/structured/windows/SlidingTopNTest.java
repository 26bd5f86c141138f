package io.kspipeline.jobs.structured.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.common.BatchWatermark;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Top N per slide from per-slide buckets, batch by batch on a memory stream: 6 s windows sliding 2
 * s, a 4 s watermark, top 2. Every expected figure below is worked out by hand from the windows
 * each event falls in.
 */
class SlidingTopNTest {
  /** Several shards, so that rankings are made across them. */
  private static final int SHARDS = 4;

  private WindowResultStream stream;

  @BeforeEach
  void start() throws Exception {
    stream =
        new WindowResultStream(
            events ->
                WindowedCounter.topPerSlide(
                    events,
                    new WindowSpec(Duration.ofSeconds(6), Duration.ofSeconds(2)),
                    Duration.ofSeconds(4),
                    2,
                    SHARDS),
            batch -> WindowResults.rankedAcrossShards(BatchWatermark.handedToTasks(batch), 2));
  }

  @AfterEach
  void stop() throws Exception {
    stream.close();
  }

  private List<String> run(String... events) {
    return stream.run(events);
  }

  private static String t(int second) {
    return String.format("2024-01-01T00:00:%02dZ", second);
  }

  @Test
  void shouldEmitEachWindowOnceTheNewestEventReachesItsLastSlide() {
    // Slides 00:00 {a} and 00:02 {a, b}: windows ending 00:02 and 00:04 have reached their last
    // slide; 00:06 has not (its last slide, 00:04, has no event yet).
    assertThat(run(t(1) + " a", t(3) + " a", t(3) + " b"))
        .containsExactly(
            "count 59:56-00:02 a=1",
            "count 59:58-00:04 a=2",
            "count 59:58-00:04 b=1",
            "rank 59:56-00:02 a=1 #1",
            "rank 59:58-00:04 a=2 #1",
            "rank 59:58-00:04 b=1 #2");

    // 00:09 moves the newest slide to 00:08: windows ending 00:06, 00:08 and 00:10 are new.
    assertThat(run(t(9) + " c"))
        .containsExactly(
            "count 00:00-00:06 a=2",
            "count 00:00-00:06 b=1",
            "count 00:02-00:08 a=1",
            "count 00:02-00:08 b=1",
            "count 00:04-00:10 c=1",
            "rank 00:00-00:06 a=2 #1",
            "rank 00:00-00:06 b=1 #2",
            "rank 00:02-00:08 a=1 #1",
            "rank 00:02-00:08 b=1 #2",
            "rank 00:04-00:10 c=1 #1");
  }

  @Test
  void shouldUpdateOpenWindowsWithTheChangedKeysAndSetClosedOnesAside() {
    run(t(1) + " a", t(3) + " a", t(3) + " b");
    run(t(9) + " c"); // the watermark becomes 00:05: windows ending 00:06 and later stay open

    // d at 00:01 falls in windows ending 00:02, 00:04 (closed) and 00:06 (open): counted there
    // only, and written although it is not in the top 2, so the table's row for it is exact.
    // e at 00:00:59 of the hour before only has closed windows: late.
    assertThat(run(t(1) + " d", "2023-12-31T23:59:59Z e"))
        .containsExactly(
            "count 00:00-00:06 a=2",
            "count 00:00-00:06 b=1",
            "count 00:00-00:06 d=1",
            "late e",
            "rank 00:00-00:06 a=2 #1",
            "rank 00:00-00:06 b=1 #2");
  }

  @Test
  void shouldSlideOverStretchesWithoutData() {
    run(t(9) + " c");
    // From slide 00:08 to 00:30 nothing happened: only windows with data are emitted.
    assertThat(run(t(30) + " f", t(31) + " f", t(31) + " g"))
        .containsExactly(
            "count 00:06-00:12 c=1",
            "count 00:08-00:14 c=1",
            "count 00:26-00:32 f=2",
            "count 00:26-00:32 g=1",
            "rank 00:06-00:12 c=1 #1",
            "rank 00:08-00:14 c=1 #1",
            "rank 00:26-00:32 f=2 #1",
            "rank 00:26-00:32 g=1 #2");
  }

  @Test
  void shouldSubtractTheSlideThatLeavesAWindow() {
    run(t(0) + " a", t(0) + " a", t(2) + " b", t(4) + " b");
    // 00:06 enters, 00:00 leaves the window ending 00:08: a drops out, b leads with 2.
    assertThat(run(t(6) + " c"))
        .containsExactly(
            "count 00:02-00:08 b=2",
            "count 00:02-00:08 c=1",
            "rank 00:02-00:08 b=2 #1",
            "rank 00:02-00:08 c=1 #2");
  }
}
