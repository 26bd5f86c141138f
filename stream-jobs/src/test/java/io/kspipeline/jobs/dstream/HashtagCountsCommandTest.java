package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.common.divert.Destination;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The activity figures slide every 10 s by default, rounded up to whole batches; dead letters go to
 * the input's dead-letter topic unless --dead-letters says otherwise.
 */
class HashtagCountsCommandTest {
  private static HashtagCountsCommand parsed(String... args) {
    HashtagCountsCommand command = new HashtagCountsCommand();
    PipelineCommandLine.create(command).parseArgs(args);
    return command;
  }

  private static long slideMillis(Duration batch, String... args) {
    return parsed(args).activitySlide(batch).milliseconds();
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

  @Test
  void shouldSendDeadLettersToTheInputsDeadLetterTopicByDefault() {
    assertThat(parsed().deadLetterDestination()).isEqualTo(new Destination.Topic("tweets-dlq"));
    assertThat(parsed("--statuses").deadLetterDestination())
        .isEqualTo(new Destination.Topic("access-logs-dlq"));
    assertThat(parsed("--input-topic", "tweets-eu").deadLetterDestination())
        .isEqualTo(new Destination.Topic("tweets-eu-dlq"));
  }

  @Test
  void shouldSendDeadLettersWhereDeadLettersSays() {
    assertThat(parsed("--dead-letters", "file:/data/dead").deadLetterDestination())
        .isEqualTo(new Destination.Directory("/data/dead"));
    assertThat(parsed("--dead-letters", "console").deadLetterDestination())
        .isEqualTo(new Destination.Console());
    assertThat(
            parsed("--dead-letters", "topic", "--dead-letter-topic", "rejects")
                .deadLetterDestination())
        .isEqualTo(new Destination.Topic("rejects"));
  }
}
