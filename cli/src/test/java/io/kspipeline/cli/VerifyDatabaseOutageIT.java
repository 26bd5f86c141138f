package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --db-outage}: verify's own H2 server stopped for 10 s under status-counts' last
 * run, after a SIGKILL of the run before. The job waits and retries its writes (one log line per
 * attempt) and its table ends equal to the truth.
 */
class VerifyDatabaseOutageIT {
  @TempDir Path work;

  @Test
  void shouldRetryTheWritesThroughTheOutageAndLoseNothing() throws IOException {
    retriesThroughTheOutage(work);
  }

  /**
   * Runs verify with the outage on the database {@code databaseOptions} give (none: verify's own)
   * and checks the job rode it out.
   *
   * @return what verify printed
   */
  static PipelineRun retriesThroughTheOutage(Path work, String... databaseOptions)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "verify",
                "--job",
                "status-counts",
                "--kills",
                "1",
                "--events",
                "600",
                "--db-outage",
                "10s",
                "--seed",
                "3",
                "--work-dir",
                work.toString()));
    args.addAll(List.of(databaseOptions));
    PipelineRun run = PipelineRun.of(args);

    String out = run.reported().printed();
    assertThat(run.exit()).as(out).isZero();
    assertThat(out)
        .contains("verify: database outage: stopped at")
        .contains("verify: database outage: the database is back");
    assertThat(run.lastLine())
        .matches(
            "verify: job=status-counts kills=1 events=600 lost=0 duplicated=0 topic_missing=0"
                + " topic_raw_duplicates=0");
    String lastRun = Files.readString(run.verifyWorkDir().resolve("job-run-1.log"));
    assertThat(lastRun)
        .as("the last run's log")
        .contains("the database cannot be reached")
        .contains("the database is reachable again");
    return run;
  }
}
