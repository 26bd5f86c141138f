package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --registry-outage}: the schema registry, served over HTTP, stopped for 10 s (and
 * until a run has been refused) under status-counts' first run once it has counted something. The
 * run counts on with its cached schemas and is SIGKILLed inside the outage; the last run cannot
 * start without the registry, says so in one line, and is started again until the registry is back,
 * then drains from the checkpoint. Nothing is lost, nothing counted twice, no good record set aside
 * as a dead letter (it would be missing from the table).
 */
class VerifyRegistryOutageIT {
  @TempDir Path work;

  @Test
  void shouldCountOnThenRestartOnceTheRegistryIsBackAndLoseNothing() throws IOException {
    PipelineRun run =
        PipelineRun.of(
            "verify",
            "--job",
            "status-counts",
            "--kills",
            "1",
            "--events",
            "600",
            "--registry-outage",
            "10s",
            "--seed",
            "3",
            "--work-dir",
            work.toString());

    String out = run.reported().printed();
    assertThat(run.exit()).as(out).isZero();
    assertThat(out)
        .contains("verify: registry outage: stopped at")
        .contains("verify: registry outage: the running job counted on to")
        .contains("verify: run 0: SIGKILL during the registry outage")
        .contains("verify: run 1: attempt 1 could not start: cannot reach the schema registry at")
        .contains("verify: registry outage: the schema registry is back")
        .contains("verify: run 1: drained");
    assertThat(run.lastLine())
        .matches(
            "verify: job=status-counts kills=1 events=600 lost=0 duplicated=0 topic_missing=0"
                + " topic_raw_duplicates=0");
    String lastRun = Files.readString(run.verifyWorkDir().resolve("job-run-1.log"));
    assertThat(lastRun)
        .as("the last run's log")
        .contains("status-counts: cannot reach the schema registry at http://127.0.0.1:");
  }
}
