package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class SoakTrendTest {
  /** Twelve samples a minute apart, the heap following {@code heap}, the rest flat. */
  private static List<SoakSample> samples(LongUnaryOperator heap, LongUnaryOperator lag) {
    List<SoakSample> samples = new ArrayList<>();
    for (long minute = 1; minute <= 12; minute++) {
      samples.add(
          new SoakSample(
              minute * 60,
              heap.applyAsLong(minute),
              1_500,
              Map.of("top-urls", 900L),
              Map.of("top-urls", 3_000L),
              Map.of("top-urls", lag.applyAsLong(minute))));
    }
    return samples;
  }

  @Test
  void shouldFindNothingRisingWhenFiguresOnlySwingAroundAPlateau() {
    // Heap swinging 300-380 MB with collections, lag 0-1,500 records: noise, not a trend.
    List<SoakSample> samples = samples(m -> m % 2 == 0 ? 380 : 300, m -> (m * 700) % 1_500);

    assertThat(SoakTrend.rising(samples)).isEmpty();
  }

  @Test
  void shouldNameEachSeriesThatKeepsRising() {
    // 40 MB more live heap every minute (state never evicted), lag growing 1,000 records a minute.
    List<SoakSample> samples = samples(m -> 300 + 40 * m, m -> 1_000 * m);

    assertThat(SoakTrend.rising(samples))
        .containsExactly("heap_after_gc_mb: 400 -> 720", "lag[top-urls]: 2500 -> 10500");
  }

  @Test
  void shouldCompareASeriesOnlyOverTheSamplesThatHaveIt() {
    // top-urls' batches outlast the first intervals: no p99 there, rather than a p99 of 0.
    List<SoakSample> samples = new ArrayList<>();
    for (long minute = 1; minute <= 6; minute++) {
      Map<String, Long> p99 = minute % 2 == 0 ? Map.of("top-urls", 9_000L) : Map.of();
      samples.add(new SoakSample(minute * 60, 300, 1_500, Map.of(), p99, Map.of("top-urls", 0L)));
    }

    assertThat(SoakTrend.rising(samples)).isEmpty();
  }

  @Test
  void shouldJudgeNothingWithFewerThanThreeSamples() {
    assertThat(SoakTrend.rising(samples(m -> 100 * m, m -> 0).subList(0, 2))).isEmpty();
  }

  @Test
  void shouldPrintASampleAsOneLineOfNamedFigures() {
    SoakSample sample =
        new SoakSample(60, 310, 1_500, Map.of("a", 12L), Map.of("a", 900L), Map.of("a", 40L));

    assertThat(sample.line())
        .isEqualTo(
            "soak: t=60s heap_after_gc_mb=310 rss_mb=1500 state_kb[a]=12 batch_p99_ms[a]=900"
                + " lag[a]=40");
  }
}
