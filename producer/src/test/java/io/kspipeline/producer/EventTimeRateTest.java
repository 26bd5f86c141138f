package io.kspipeline.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.EnvironmentDefaults;
import io.kspipeline.core.config.PipelineCommandLine;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every producer calls its generator's spacing --event-time-rate; the old names still work. */
class EventTimeRateTest {
  private static double rate(Map<String, String> environment, String... args) {
    CommandLine cli = PipelineCommandLine.create(new ProduceCommand());
    cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
    Object command = cli.parseArgs(args).subcommand().commandSpec().userObject();
    if (command instanceof ProduceWebActionsCommand webActions) {
      return webActions.eventTimeRate;
    }
    return command instanceof ProduceTweetsCommand tweets
        ? tweets.eventTimeRate
        : ((ProduceAccessLogsCommand) command).eventTimeRate;
  }

  @Test
  void shouldTakeTheSharedNameAndEachProducersOldName() {
    Map<String, String> none = Map.of();

    assertThat(rate(none, "access-logs", "--generate")).isEqualTo(100);
    assertThat(rate(none, "access-logs", "--generate", "--event-time-rate", "7")).isEqualTo(7);
    assertThat(rate(none, "access-logs", "--generate", "--events-per-second", "8")).isEqualTo(8);
    assertThat(rate(none, "tweets", "--generate")).isEqualTo(50);
    assertThat(rate(none, "tweets", "--generate", "--event-time-rate", "7")).isEqualTo(7);
    assertThat(rate(none, "tweets", "--generate", "--tweets-per-second", "9")).isEqualTo(9);
    assertThat(rate(none, "web-actions", "--generate")).isEqualTo(20);
    assertThat(rate(none, "web-actions", "--generate", "--event-time-rate", "7")).isEqualTo(7);
  }

  @Test
  void shouldTakeTheSharedVariableAndEachProducersOldOne() {
    Map<String, String> shared = Map.of("PIPELINE_EVENT_TIME_RATE", "11");
    Map<String, String> old =
        Map.of("PIPELINE_EVENTS_PER_SECOND", "12", "PIPELINE_TWEETS_PER_SECOND", "13");
    Map<String, String> both =
        Map.of("PIPELINE_EVENT_TIME_RATE", "11", "PIPELINE_TWEETS_PER_SECOND", "13");

    assertThat(rate(shared, "access-logs", "--generate")).isEqualTo(11);
    assertThat(rate(shared, "tweets", "--generate")).isEqualTo(11);
    assertThat(rate(shared, "web-actions", "--generate")).isEqualTo(11);
    assertThat(rate(old, "access-logs", "--generate")).isEqualTo(12);
    assertThat(rate(old, "tweets", "--generate")).isEqualTo(13);
    assertThat(rate(both, "tweets", "--generate")).isEqualTo(11);
  }

  @Test
  void shouldNameTheOldNameInTheHelp() {
    assertThat(
            PipelineCommandLine.create(new ProduceCommand())
                .getSubcommands()
                .get("tweets")
                .getUsageMessage()
                .replaceAll("\\s+", " "))
        .contains("--event-time-rate, --tweets-per-second=PER_SECOND")
        .contains("Old name: --tweets-per-second.");
  }
}
