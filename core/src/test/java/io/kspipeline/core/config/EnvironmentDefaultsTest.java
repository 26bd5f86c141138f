package io.kspipeline.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class EnvironmentDefaultsTest {
  @Command(name = "sample")
  static class Sample {
    @Mixin KafkaOptions kafka;

    @Option(names = "--max-offsets", defaultValue = "100")
    long maxOffsets;

    @Option(
        names = {"--event-time-rate", "--events-per-second"},
        defaultValue = "1")
    double eventTimeRate;
  }

  private static Sample parse(Map<String, String> env, String... args) {
    Sample sample = new Sample();
    new CommandLine(sample).setDefaultValueProvider(new EnvironmentDefaults(env)).parseArgs(args);
    return sample;
  }

  @Test
  void shouldUseTheDeclaredDefaultWhenNothingElseIsSet() {
    Sample sample = parse(Map.of());
    assertThat(sample.kafka.bootstrap()).isEqualTo("127.0.0.1:9092");
    assertThat(sample.maxOffsets).isEqualTo(100);
  }

  @Test
  void shouldTakeTheEnvironmentOverTheDefaultAndTheFlagOverBoth() {
    Map<String, String> env = Map.of("PIPELINE_BOOTSTRAP", "kafka:9092");
    assertThat(parse(env).kafka.bootstrap()).isEqualTo("kafka:9092");
    assertThat(parse(env, "--bootstrap", "other:9092").kafka.bootstrap()).isEqualTo("other:9092");
  }

  @Test
  void shouldReadTheConfigFileBelowTheEnvironment(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("job.properties");
    Files.writeString(file, "max-offsets=7\nbootstrap=from-file:9092\n");
    Map<String, String> env =
        Map.of(
            EnvironmentDefaults.CONFIG_FILE_VARIABLE,
            file.toString(),
            "PIPELINE_BOOTSTRAP",
            "from-env:9092");
    Sample sample = parse(env);
    assertThat(sample.maxOffsets).isEqualTo(7);
    assertThat(sample.kafka.bootstrap()).isEqualTo("from-env:9092");
  }

  @Test
  void shouldReadARenamedOptionUnderItsNewAndItsOldName(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("producer.properties");
    Files.writeString(file, "events-per-second=3\n");

    assertThat(parse(Map.of("PIPELINE_EVENT_TIME_RATE", "5")).eventTimeRate).isEqualTo(5);
    assertThat(parse(Map.of("PIPELINE_EVENTS_PER_SECOND", "4")).eventTimeRate).isEqualTo(4);
    assertThat(
            parse(Map.of("PIPELINE_EVENT_TIME_RATE", "5", "PIPELINE_EVENTS_PER_SECOND", "4"))
                .eventTimeRate)
        .isEqualTo(5);
    Map<String, String> fileOnly =
        Map.of(EnvironmentDefaults.CONFIG_FILE_VARIABLE, file.toString());
    assertThat(parse(fileOnly).eventTimeRate).isEqualTo(3);
    Map<String, String> fileAndOldVariable =
        Map.of(
            EnvironmentDefaults.CONFIG_FILE_VARIABLE,
            file.toString(),
            "PIPELINE_EVENTS_PER_SECOND",
            "4");
    assertThat(parse(fileAndOldVariable).eventTimeRate).isEqualTo(4);
  }

  @Test
  void shouldNameTheVariableAfterTheLongOption() {
    assertThat(EnvironmentDefaults.variableFor("--jdbc-url")).isEqualTo("PIPELINE_JDBC_URL");
  }
}
