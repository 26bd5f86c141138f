package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The activity figures slide every 10 s by default, rounded up to whole batches. */
class HashtagCountsCommandTest {
  private static long slideMillis(Duration batch, String... args) {
    HashtagCountsCommand command = new HashtagCountsCommand();
    PipelineCommandLine.create(command).parseArgs(args);
    return command.activitySlide(batch).milliseconds();
  }

  @Test
  void shouldSlideEveryTenSecondsInWholeBatches() {
    assertThat(slideMillis(Duration.ofSeconds(1))).isEqualTo(10_000);
    assertThat(slideMillis(Duration.ofSeconds(3))).isEqualTo(12_000);
    assertThat(slideMillis(Duration.ofSeconds(30))).isEqualTo(30_000);
  }

  @Test
  void shouldSlideAsToldWithActivitySlide() {
    assertThat(slideMillis(Duration.ofSeconds(1), "--activity-slide", "5s")).isEqualTo(5_000);
  }
}
