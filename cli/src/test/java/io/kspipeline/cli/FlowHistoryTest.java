package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.cli.FlowHistory.Sample;
import io.kspipeline.cli.FlowHistory.Series;
import io.kspipeline.cli.LiveSnapshot.JobFlow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowHistoryTest {
  private static final long T0 = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();

  private final SteppedClock clock = new SteppedClock(T0);
  private final FlowHistory history = new FlowHistory(clock, Duration.ofMinutes(5));

  @Test
  void shouldKeepFiveMinutesOfSamplesPerJob() {
    history.record(flows(10, 100, 1.5, -1));
    clock.advanceSeconds(120);
    history.record(flows(20, 50, 2.5, 0));
    clock.advanceSeconds(180); // the first samples are exactly 5 minutes old: still kept
    history.record(flows(30, 0, 3.5, 7));

    assertThat(history.series())
        .containsExactly(
            new Series(
                "status-counts",
                List.of(
                    new Sample(T0, 10, 100),
                    new Sample(T0 + 120_000, 20, 50),
                    new Sample(T0 + 300_000, 30, 0))),
            new Series(
                "hashtag-counts",
                List.of(
                    new Sample(T0, 1.5, -1),
                    new Sample(T0 + 120_000, 2.5, 0),
                    new Sample(T0 + 300_000, 3.5, 7))));

    clock.advanceSeconds(1);
    history.record(flows(40, 0, 4.5, 0));

    assertThat(history.series())
        .containsExactly(
            new Series(
                "status-counts",
                List.of(
                    new Sample(T0 + 120_000, 20, 50),
                    new Sample(T0 + 300_000, 30, 0),
                    new Sample(T0 + 301_000, 40, 0))),
            new Series(
                "hashtag-counts",
                List.of(
                    new Sample(T0 + 120_000, 2.5, 0),
                    new Sample(T0 + 300_000, 3.5, 7),
                    new Sample(T0 + 301_000, 4.5, 0))));
  }

  @Test
  void shouldForgetAJobNoLongerReportedOnceItsSamplesAgeOut() {
    history.record(flows(10, 0, 1, 0));
    clock.advanceSeconds(200);
    history.record(List.of(new JobFlow("status-counts", "access-logs", 11, 0)));
    clock.advanceSeconds(101);

    assertThat(history.series())
        .containsExactly(new Series("status-counts", List.of(new Sample(T0 + 200_000, 11, 0))));
  }

  private static List<JobFlow> flows(
      double statusRate, long statusLag, double tagRate, long tagLag) {
    return List.of(
        new JobFlow("status-counts", "access-logs", statusRate, statusLag),
        new JobFlow("hashtag-counts", "tweets", tagRate, tagLag));
  }

  /** A clock that moves only when told to. */
  private static final class SteppedClock extends Clock {
    private long millis;

    SteppedClock(long millis) {
      this.millis = millis;
    }

    void advanceSeconds(long seconds) {
      millis += seconds * 1000;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
