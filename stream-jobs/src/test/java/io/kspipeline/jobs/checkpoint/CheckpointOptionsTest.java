package io.kspipeline.jobs.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions.Difference;
import io.kspipeline.jobs.checkpoint.CheckpointOptions.Recorded;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The options a checkpoint records, how two runs' options differ, and --to's forms. */
class CheckpointOptionsTest {
  private static CheckpointOptions topUrls(Duration window, Duration slide) {
    return CheckpointOptions.of("top-urls", Api.STRUCTURED, 1, "access-logs")
        .with("--input", "avro")
        .with("--input-topic", "access-logs")
        .with("--window", window)
        .with("--slide", slide)
        .with("--top", 10);
  }

  @Test
  void shouldRecordOptionsAsTheyAreTyped() {
    CheckpointOptions options =
        topUrls(Duration.ofSeconds(30), Duration.ofMillis(500)).with("--master", null);

    assertThat(options.options())
        .containsExactly(
            Map.entry("query shape", "top-urls/1"),
            Map.entry("--input", "avro"),
            Map.entry("--input-topic", "access-logs"),
            Map.entry("--window", "30s"),
            Map.entry("--slide", "500ms"),
            Map.entry("--top", "10"),
            Map.entry("--master", "(none)"));
    assertThat(CheckpointOptions.duration(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(CheckpointOptions.duration(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(CheckpointOptions.duration(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(CheckpointOptions.duration(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  void shouldNameEachOptionThatDiffersInTheRunsOrder() {
    CheckpointOptions then = topUrls(Duration.ofSeconds(30), Duration.ofSeconds(10));
    CheckpointOptions now = topUrls(Duration.ofMinutes(1), Duration.ofSeconds(20));

    assertThat(now.differencesFrom(then))
        .containsExactly(
            new Difference("--window", "30s", "1m"), new Difference("--slide", "10s", "20s"));
    assertThat(now.differencesFrom(then).get(0).describe())
        .isEqualTo("--window: the checkpoint has 30s, this run asks for 1m");
    assertThat(then.differencesFrom(then)).isEmpty();
  }

  @Test
  void shouldNameOptionsOnlyOneSideHasAndAnotherJob() {
    CheckpointOptions then =
        topUrls(Duration.ofSeconds(30), Duration.ofSeconds(10)).with("--old", "x");
    CheckpointOptions now =
        CheckpointOptions.of("status-counts", Api.STRUCTURED, 1, "access-logs")
            .with("--input", "avro")
            .with("--new", "y");

    assertThat(now.differencesFrom(then))
        .containsExactly(
            new Difference("job", "top-urls", "status-counts"),
            new Difference("query shape", "top-urls/1", "status-counts/1"),
            new Difference("--new", null, "y"),
            new Difference("--input-topic", "access-logs", null),
            new Difference("--window", "30s", null),
            new Difference("--slide", "10s", null),
            new Difference("--top", "10", null),
            new Difference("--old", "x", null));
    assertThat(new Difference("--new", null, "y").describe())
        .isEqualTo("--new: the checkpoint has nothing recorded, this run asks for y");
  }

  @Test
  void shouldReadBackTheOptionsFileItWrites() {
    CheckpointOptions options = topUrls(Duration.ofSeconds(30), Duration.ofSeconds(10));
    Instant at = Instant.parse("2026-12-03T09:00:00Z");

    String json = options.toJson(at);
    Recorded read = CheckpointOptions.fromJson(json);

    assertThat(read.recordedAt()).isEqualTo(at);
    assertThat(read.options().job()).isEqualTo("top-urls");
    assertThat(read.options().api()).isEqualTo(Api.STRUCTURED);
    assertThat(read.options().inputTopic()).isEqualTo("access-logs");
    assertThat(read.options().options()).isEqualTo(options.options());
    assertThat(options.differencesFrom(read.options())).isEmpty();
    assertThat(json).contains("\"--window\" : \"30s\"");
    assertThatThrownBy(() -> CheckpointOptions.fromJson("{\"job\": 3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an options file of this pipeline");
  }

  @Test
  void shouldKeepSeveralJobsOptionsApartWhenCombined() {
    CheckpointOptions a = CheckpointOptions.of("a", Api.DSTREAM, 1, "t1").with("--window", "1s");
    CheckpointOptions b = CheckpointOptions.of("b", Api.DSTREAM, 2, null).with("--window", "2s");

    CheckpointOptions both = CheckpointOptions.combined("both", List.of(a, b));

    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("a query shape", "a/1");
    expected.put("a --window", "1s");
    expected.put("b query shape", "b/2");
    expected.put("b --window", "2s");
    assertThat(both.options()).containsExactlyEntriesOf(expected);
    assertThat(both.job()).isEqualTo("both");
    assertThat(both.readsKafka()).isFalse();
  }

  @Test
  void shouldHideAPasswordInAJdbcUrl() {
    assertThat(CheckpointOptions.jdbcUrl("jdbc:postgresql://db/app?user=u&password=s3cret&ssl=1"))
        .isEqualTo("jdbc:postgresql://db/app?user=u&password=[hidden]&ssl=1");
    assertThat(CheckpointOptions.jdbcUrl("jdbc:h2:./db;PASSWORD=x;MODE=PostgreSQL"))
        .isEqualTo("jdbc:h2:./db;PASSWORD=[hidden];MODE=PostgreSQL");
    assertThat(CheckpointOptions.jdbcUrl(null)).isNull();
  }

  @Test
  void shouldParseEachFormOfTo() {
    assertThat(StartPosition.parse("earliest")).isEqualTo(new StartPosition.Earliest());
    assertThat(StartPosition.parse(" LATEST ")).isEqualTo(new StartPosition.Latest());
    assertThat(StartPosition.parse("2026-12-03T09:00:00Z"))
        .isEqualTo(new StartPosition.AtTime(Instant.parse("2026-12-03T09:00:00Z")));
    assertThat(StartPosition.parse("2026-12-03T10:00:00+01:00"))
        .isEqualTo(new StartPosition.AtTime(Instant.parse("2026-12-03T09:00:00Z")));
    StartPosition offsets = StartPosition.parse("logs:1=40, logs:0=12,other.topic:0=7");
    assertThat(offsets)
        .isEqualTo(
            new StartPosition.Offsets(
                Map.of(
                    new TopicPartition("logs", 0), 12L,
                    new TopicPartition("logs", 1), 40L,
                    new TopicPartition("other.topic", 0), 7L)));
    assertThat(offsets.text()).isEqualTo("logs:0=12,logs:1=40,other.topic:0=7");
    assertThat(((StartPosition.Offsets) offsets).sparkJson())
        .isEqualTo("{\"logs\":{\"0\":12,\"1\":40},\"other.topic\":{\"0\":7}}");
    assertThat(StartPosition.parse(offsets.text())).isEqualTo(offsets);
  }

  @Test
  void shouldRejectWhatToDoesNotTake() {
    assertThatThrownBy(() -> StartPosition.parse("yesterday"))
        .hasMessage(
            "--to takes earliest, latest, an ISO time (2026-12-03T09:00:00Z) or"
                + " topic:partition=offset,..., not 'yesterday'");
    assertThatThrownBy(() -> StartPosition.parse("logs=12"))
        .hasMessage("--to offsets are topic:partition=offset,..., not 'logs=12'");
    assertThatThrownBy(() -> StartPosition.parse("logs:0=-1"))
        .hasMessageStartingWith("--to offsets are topic:partition=offset with a partition");
    assertThatThrownBy(() -> StartPosition.parse("logs:0=1,logs:0=2"))
        .hasMessage("--to names logs-0 twice");
  }
}
