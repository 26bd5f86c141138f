package io.kspipeline.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** --kafka-output and --kafka-writers as typed, and what a restart on a checkpoint must repeat. */
class KafkaOutputOptionsTest {
  @Command(name = "job")
  static final class Job {
    @Mixin KafkaOutputOptions output = new KafkaOutputOptions();
  }

  @Test
  void shouldDefaultToExactlyOnceWithFourWriters() {
    Job job = parse();

    assertThat(job.output.exactlyOnce()).isTrue();
    assertThat(job.output.writers()).isEqualTo(4);
    assertThat(job.output.writerFor(java.util.Map.of(), "j", "t").writers()).isEqualTo(4);
  }

  @Test
  void shouldTakeAtLeastOnceAsTypedAndThenWriteWithoutTransactions() {
    Job job = parse("--kafka-output", "at-least-once");

    assertThat(job.output.delivery()).hasToString("at-least-once");
    assertThat(job.output.writerFor(java.util.Map.of(), "j", "t")).isNull();
  }

  @Test
  void shouldRefuseAnUnknownMode() {
    Job job = new Job();
    int exit = new CommandLine(job).execute("--kafka-output", "exactly_once");

    assertThat(exit).isEqualTo(2);
  }

  @Test
  void shouldRefuseARestartWithOtherWritersButAcceptACheckpointThatPredatesThem() {
    CheckpointOptions before = CheckpointOptions.of("status-counts", Api.STRUCTURED, 1, "in");
    CheckpointOptions recorded =
        CheckpointOptions.fromJson(parse().output.recordIn(before).toJson(Instant.now())).options();

    assertThat(parse().output.recordIn(before).differencesFrom(recorded)).isEmpty();
    assertThat(parse("--kafka-writers", "8").output.recordIn(before).differencesFrom(recorded))
        .singleElement()
        .extracting(CheckpointOptions.Difference::describe)
        .isEqualTo("--kafka-writers: the checkpoint has 4, this run asks for 8");
    assertThat(parse().output.recordIn(before).differencesFrom(before))
        .as("a checkpoint of a version without writers")
        .isEmpty();
    assertThat(parse("--kafka-writers", "2").output.recordIn(before).differencesFrom(before))
        .hasSize(1);
  }

  @Test
  void shouldTakeADStreamCheckpointThatPredatesTheOptionForAnAtLeastOnceGraph() {
    CheckpointOptions before = CheckpointOptions.of("hashtag-counts", Api.DSTREAM, 1, "tweets");

    assertThat(parse().output.recordInGraph(before).differencesFrom(before))
        .extracting(CheckpointOptions.Difference::describe)
        .containsExactly(
            "--kafka-output: the checkpoint has at-least-once, this run asks for exactly-once");
    assertThat(
            parse("--kafka-output", "at-least-once")
                .output
                .recordInGraph(before)
                .differencesFrom(before))
        .isEmpty();
  }

  private static Job parse(String... args) {
    Job job = new Job();
    new CommandLine(job).parseArgs(args);
    return job;
  }
}
