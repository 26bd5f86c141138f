package io.kspipeline.jobs.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.dstream.PopularHashtagsCommand;
import io.kspipeline.jobs.structured.TopUrlsCommand;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JobArgumentsTest {
  private static final JobArguments TOP_URLS =
      JobArguments.builder()
          .bootstrap("kafka:9092")
          .checkpoint("/tmp/top-urls")
          .inputTopic("logs")
          .option("--window", Duration.ofMinutes(5))
          .option("--slide", Duration.ofMinutes(1))
          .option("--top", 3)
          .build();

  @Test
  void shouldConfigureAJobAsItsCommandLineDoes() {
    TopUrlsCommand byCode = TOP_URLS.configure(new TopUrlsCommand());
    TopUrlsCommand byFlags = new TopUrlsCommand();
    PipelineCommandLine.create(byFlags)
        .parseArgs(
            "--bootstrap",
            "kafka:9092",
            "--checkpoint",
            "/tmp/top-urls",
            "--input-topic",
            "logs",
            "--window",
            "5m",
            "--slide",
            "1m",
            "--top",
            "3");

    assertThat(byCode.checkpointOptions().options())
        .isEqualTo(byFlags.checkpointOptions().options())
        .containsEntry("--window", "5m")
        .containsEntry("--top", "3")
        // Not given: the default its option declares.
        .containsEntry("--watermark", "1m");
  }

  @Test
  void shouldLetALaterValueOverrideAnEarlierOne() {
    JobArguments wider = TOP_URLS.toBuilder().option("--window", Duration.ofMinutes(10)).build();

    assertThat(wider.configure(new TopUrlsCommand()).checkpointOptions().options())
        .containsEntry("--window", "10m");
    assertThat(TOP_URLS.configure(new TopUrlsCommand()).checkpointOptions().options())
        .as("the original value is unchanged")
        .containsEntry("--window", "5m");
  }

  @Test
  void shouldRefuseWhatTheJobDoesNotTake() {
    JobArguments noSuchOption = TOP_URLS.toBuilder().option("--retain", "1h").build();
    JobArguments badValue = TOP_URLS.toBuilder().option("--top", "many").build();

    assertThatThrownBy(() -> noSuchOption.configure(new TopUrlsCommand()))
        .isInstanceOf(CommandLine.UnmatchedArgumentException.class)
        .hasMessageContaining("--retain");
    assertThatThrownBy(() -> badValue.configure(new TopUrlsCommand()))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("many");
    // The same option set on the job that takes it.
    assertThat(
            JobArguments.builder()
                .option("--retain", "1h")
                .build()
                .configure(new PopularHashtagsCommand()))
        .isNotNull();
  }

  @Test
  void shouldSkipOptionsWithoutAValueAndKeepTheFlagsInOrder() {
    JobArguments arguments =
        JobArguments.builder()
            .jdbcUrl(null)
            .inputTopic("t")
            .option("--top", null)
            .flag("--console")
            .build();

    assertThat(arguments.asList()).containsExactly("--input-topic", "t", "--console");
    assertThat(arguments).hasToString("--input-topic t --console");
    assertThat(arguments)
        .isEqualTo(JobArguments.builder().inputTopic("t").flag("--console").build());
    assertThatThrownBy(() -> arguments.asList().add("--x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
