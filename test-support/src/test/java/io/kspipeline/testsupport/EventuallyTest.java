package io.kspipeline.testsupport;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventuallyTest {
  @Test
  void shouldReturnOnceTheConditionHolds() {
    AtomicInteger checks = new AtomicInteger();
    eventually("the third check", Duration.ofSeconds(10), () -> checks.incrementAndGet() == 3);
    assertThat(checks).hasValue(3);
  }

  @Test
  void shouldFailNamingWhatItWaitedFor() {
    assertThatThrownBy(() -> eventually("a row in t", Duration.ZERO, () -> false))
        .isInstanceOf(AssertionError.class)
        .hasMessage("timed out after PT0S waiting for a row in t");
  }

  @Test
  void shouldDescribeWhatItWaitedForWhenItFails() {
    AtomicInteger rows = new AtomicInteger();
    assertThatThrownBy(
            () ->
                eventually(
                    () -> "3 rows, got " + rows.get(),
                    Duration.ZERO,
                    () -> rows.incrementAndGet() == 3))
        .hasMessage("timed out after PT0S waiting for 3 rows, got 1");
  }
}
