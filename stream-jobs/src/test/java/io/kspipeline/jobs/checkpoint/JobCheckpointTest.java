package io.kspipeline.jobs.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.core.failure.OneLineFailure;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's start on its checkpoint: options recorded at the first start, a start with other options
 * refused once the checkpoint holds progress, a checkpoint from before recorded options accepted,
 * and a reset's start applied at the first start only.
 */
class JobCheckpointTest {
  @TempDir Path work;

  private static CheckpointOptions topUrls(String window) {
    return CheckpointOptions.of("top-urls", Api.STRUCTURED, 1, "access-logs")
        .with("--input-topic", "access-logs")
        .with("--window", Duration.parse("PT" + window.toUpperCase()))
        .with("--slide", Duration.ofSeconds(10));
  }

  /** What Spark writes when a query starts: its metadata file. */
  private static void queryStarted(Path checkpoint) throws Exception {
    Files.createDirectories(checkpoint.resolve("hits"));
    Files.writeString(checkpoint.resolve("hits/metadata"), "{\"id\":\"q\"}");
  }

  private static String optionsFile(Path checkpoint) throws Exception {
    return Files.readString(checkpoint.resolve(JobCheckpoint.OPTIONS_FILE), StandardCharsets.UTF_8);
  }

  @Test
  void shouldRecordTheOptionsOfTheFirstStart() throws Exception {
    Path checkpoint = work.resolve("top-urls");

    assertThat(JobCheckpoint.open(checkpoint.toString(), topUrls("30s")))
        .isEqualTo(new JobCheckpoint.Opened(true, Optional.empty()));

    assertThat(CheckpointOptions.fromJson(optionsFile(checkpoint)).options().options())
        .isEqualTo(topUrls("30s").options());
  }

  @Test
  void shouldRefuseAStartWithOtherOptionsNamingEachAndTheResetCommand() throws Exception {
    Path checkpoint = work.resolve("top-urls");
    JobCheckpoint.open(checkpoint.toString(), topUrls("30s"));
    queryStarted(checkpoint);

    assertThat(JobCheckpoint.open(checkpoint.toString(), topUrls("30s")))
        .isEqualTo(new JobCheckpoint.Opened(false, Optional.empty()));
    CheckpointOptions changed = topUrls("60s").with("--slide", Duration.ofSeconds(20));
    assertThatThrownBy(() -> JobCheckpoint.open(checkpoint.toString(), changed))
        .isInstanceOf(JobCheckpoint.Mismatch.class)
        .isInstanceOf(OneLineFailure.class)
        .hasMessage(
            "checkpoint "
                + checkpoint
                + " was started with other options than this run's, and top-urls would mix them"
                + " into its state and offsets: --window: the checkpoint has 30s, this run asks for"
                + " 1m; --slide: the checkpoint has 10s, this run asks for 20s. Run with the"
                + " checkpoint's options, or start afresh (state and windows start over) where it"
                + " stopped: bin/pipeline checkpoint reset --job top-urls --checkpoint "
                + checkpoint
                + " --to checkpoint (or --to earliest, latest, an ISO time or"
                + " topic:partition=offset,...)");
    assertThat(CheckpointOptions.fromJson(optionsFile(checkpoint)).options().options())
        .as("the refused run recorded nothing")
        .isEqualTo(topUrls("30s").options());
  }

  @Test
  void shouldLetARunWhoseFirstStartMadeNoProgressChangeItsOptions() throws Exception {
    Path checkpoint = work.resolve("top-urls");
    JobCheckpoint.open(checkpoint.toString(), topUrls("30s"));

    assertThat(JobCheckpoint.open(checkpoint.toString(), topUrls("60s")).fresh()).isTrue();

    assertThat(CheckpointOptions.fromJson(optionsFile(checkpoint)).options().options())
        .isEqualTo(topUrls("60s").options());
  }

  @Test
  void shouldAcceptACheckpointFromBeforeOptionsWereRecordedAndRecordThem() throws Exception {
    Path checkpoint = work.resolve("top-urls");
    queryStarted(checkpoint);

    assertThat(JobCheckpoint.open(checkpoint.toString(), topUrls("60s")))
        .isEqualTo(new JobCheckpoint.Opened(false, Optional.empty()));

    assertThat(CheckpointOptions.fromJson(optionsFile(checkpoint)).options().options())
        .isEqualTo(topUrls("60s").options());
    assertThatThrownBy(() -> JobCheckpoint.open(checkpoint.toString(), topUrls("30s")))
        .isInstanceOf(JobCheckpoint.Mismatch.class);
  }

  @Test
  void shouldRefuseADStreamCheckpointFromBeforeOptionsWereRecorded() throws Exception {
    Path checkpoint = Files.createDirectories(work.resolve("error-lines"));
    Files.write(checkpoint.resolve("checkpoint-1000"), new byte[] {1});
    CheckpointOptions portB =
        CheckpointOptions.of("error-lines", Api.DSTREAM, 1, null).with("--socket", "127.0.0.1:2");

    assertThatThrownBy(() -> JobCheckpoint.open(checkpoint.toString(), portB))
        .isInstanceOf(OneLineFailure.class)
        .hasMessage(
            "checkpoint "
                + checkpoint
                + " predates recorded options, and a DStream job restored from it runs with the"
                + " options of the run that wrote it, which this version cannot tell: start afresh"
                + " with this run's options, bin/pipeline checkpoint reset --job error-lines"
                + " --checkpoint "
                + checkpoint
                + " --to earliest");
    assertThat(checkpoint.resolve(JobCheckpoint.OPTIONS_FILE)).doesNotExist();
  }

  @Test
  void shouldTellADStreamCheckpointByItsCheckpointFiles() throws Exception {
    Path checkpoint = work.resolve("error-lines");
    CheckpointOptions portA =
        CheckpointOptions.of("error-lines", Api.DSTREAM, 1, null).with("--socket", "127.0.0.1:1");
    CheckpointOptions portB =
        CheckpointOptions.of("error-lines", Api.DSTREAM, 1, null).with("--socket", "127.0.0.1:2");
    JobCheckpoint.open(checkpoint.toString(), portA);
    Files.createDirectories(checkpoint.resolve("receivedBlockMetadata"));
    assertThat(JobCheckpoint.open(checkpoint.toString(), portA).fresh()).isTrue();
    Files.write(checkpoint.resolve("checkpoint-1000"), new byte[] {1});

    assertThatThrownBy(() -> JobCheckpoint.open(checkpoint.toString(), portB))
        .hasMessage(
            "checkpoint "
                + checkpoint
                + " was started with other options than this run's, and error-lines would run"
                + " with the checkpoint's (a DStream checkpoint holds its graph): --socket: the"
                + " checkpoint has 127.0.0.1:1, this run asks for 127.0.0.1:2. Run with the"
                + " checkpoint's options, or start afresh (state and windows start over):"
                + " bin/pipeline checkpoint reset --job error-lines --checkpoint "
                + checkpoint
                + " --to earliest");
  }

  @Test
  void shouldStartAResetCheckpointWhereTheResetSaidOnlyUntilItHasProgress() throws Exception {
    Path checkpoint = Files.createDirectories(work.resolve("top-urls"));
    StartPosition start =
        new StartPosition.Offsets(Map.of(new TopicPartition("access-logs", 0), 42L));
    Files.writeString(
        checkpoint.resolve(JobCheckpoint.START_FILE),
        new ResetRecord(start, Instant.parse("2026-12-03T09:00:00Z"), "/old").toJson());

    assertThat(JobCheckpoint.open(checkpoint.toString(), topUrls("60s")))
        .isEqualTo(new JobCheckpoint.Opened(true, Optional.of(start)));
    assertThat(JobCheckpoint.open(checkpoint.toString(), topUrls("60s")).start()).contains(start);
    queryStarted(checkpoint);
    assertThat(JobCheckpoint.open(checkpoint.toString(), topUrls("60s")))
        .isEqualTo(new JobCheckpoint.Opened(false, Optional.empty()));
  }

  @Test
  void shouldRefuseAResetStartTheInputCannotTake() throws Exception {
    Path checkpoint = Files.createDirectories(work.resolve("status-counts"));
    Files.writeString(
        checkpoint.resolve(JobCheckpoint.START_FILE),
        new ResetRecord(new StartPosition.Latest(), Instant.parse("2026-12-03T09:00:00Z"), null)
            .toJson());
    CheckpointOptions files =
        CheckpointOptions.of("status-counts", Api.STRUCTURED, 1, null).with("--input", "dir:x");

    assertThatThrownBy(() -> JobCheckpoint.open(checkpoint.toString(), files))
        .hasMessage(
            "checkpoint "
                + checkpoint
                + " was reset to start at latest, which only a Kafka input has; this run of"
                + " status-counts reads files or a socket, from their start: bin/pipeline"
                + " checkpoint reset --job status-counts --checkpoint "
                + checkpoint
                + " --to earliest");
  }
}
