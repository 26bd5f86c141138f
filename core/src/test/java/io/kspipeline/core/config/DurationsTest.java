package io.kspipeline.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void shouldParseShortForms() {
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("30 seconds")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("PT2S")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void shouldRejectWhatIsNotADuration() {
    assertThatThrownBy(() -> Durations.parse("soon")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> Durations.parse("10 fortnights"))
        .hasMessageContaining("not a duration");
  }

  @Test
  void shouldWriteSparkIntervals() {
    assertThat(Durations.toSparkInterval(Duration.ofSeconds(30))).isEqualTo("30 seconds");
    assertThat(Durations.toSparkInterval(Duration.ofMillis(1500))).isEqualTo("1500 milliseconds");
  }
}
