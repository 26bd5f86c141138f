package io.kspipeline.producer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pacing on a manual clock: the sleeps requested are checked, no time passes. */
class PacerTest {
  private long now = 1_000_000_000L;
  private final List<Long> sleeps = new ArrayList<>();

  private Pacer pacer(double rate, double speed) {
    return new Pacer(
        rate,
        speed,
        () -> now,
        nanos -> {
          sleeps.add(nanos);
          now += nanos;
        });
  }

  @Test
  void shouldSpaceRecordsByTheRate() {
    Pacer pacer = pacer(4, 0);
    for (int i = 0; i < 4; i++) {
      pacer.await(null);
    }
    assertThat(sleeps).containsExactly(250_000_000L, 250_000_000L, 250_000_000L);
  }

  @Test
  void shouldReplayEventGapsDividedByTheSpeed() {
    Pacer pacer = pacer(0, 10);
    Instant t0 = Instant.parse("2016-12-26T14:00:00Z");
    pacer.await(t0);
    pacer.await(t0.plusSeconds(10)); // 10 s of log time at 10x: 1 s
    pacer.await(t0.plusSeconds(10)); // same second: no wait
    pacer.await(t0.plusSeconds(5)); // out of order: never waits backwards
    pacer.await(t0.plusSeconds(30)); // 2 s after the previous due time
    assertThat(sleeps).containsExactly(1_000_000_000L, 2_000_000_000L);
  }

  @Test
  void shouldNotWaitAtFullSpeed() {
    Pacer pacer = pacer(0, 0);
    pacer.await(Instant.EPOCH);
    pacer.await(Instant.EPOCH.plusSeconds(3600));
    assertThat(sleeps).isEmpty();
  }
}
