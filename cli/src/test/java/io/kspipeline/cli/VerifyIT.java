package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.catalog.JobCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} end to end, as CI runs it: status-counts SIGKILLed three times (at least once
 * inside an open JDBC transaction) with a broker bounce while events are produced, and every job of
 * the catalog SIGKILLed twice, each restarted from its checkpoint. A job JVM start costs 10–20 s
 * here, so the runs are few and the events small. Nothing may be lost or counted twice, and the
 * output topic, read read_committed, holds no raw duplicate where the job writes it exactly once
 * (every job but error-alerts, whose alerts are at least once).
 */
class VerifyIT {
  private static final int EVENTS = 600;

  /** Per job of {@code --job all}: 100 per run, several batches of each paced run. */
  private static final int EVENTS_PER_JOB = 300;

  /** Runs 0 and 2 aim their kill into the sink's transaction: at least one must be shown there. */
  private static final String KILLS_IN_OPEN_TRANSACTION =
      "verify: kills=3 in_open_transaction=[12]";

  @TempDir Path work;

  @Test
  void shouldLoseAndDuplicateNothingThroughKillsAndABrokerBounceForStatusCounts() {
    List<String> lines =
        verify("--job", "status-counts", "--kills", "3", "--bounce-broker", "1", "--seed", "1");

    assertThat(lines.get(lines.size() - 3)).matches(KILLS_IN_OPEN_TRANSACTION);
    assertThat(lines.get(lines.size() - 2))
        .matches("verify: bounces=1 acked=" + EVENTS + " acked_lost=0 acked_duplicated=0");
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "verify: job=status-counts kills=3 events="
                + EVENTS
                + " lost=0 duplicated=0 topic_missing=0 topic_raw_duplicates=0");
  }

  @Test
  void shouldLoseAndDuplicateNothingThroughTwoKillsOfEveryJob() {
    List<String> lines = verify(EVENTS_PER_JOB, "--job", "all", "--kills", "2", "--seed", "2");

    for (String job : JobCatalog.names()) {
      String rawDuplicates = job.equals(JobCatalog.ERROR_ALERTS.name()) ? "\\d+" : "0";
      assertThat(lines)
          .as(job)
          .anyMatch(
              line ->
                  line.matches(
                      "verify: job="
                          + job
                          + " kills=2 events="
                          + EVENTS_PER_JOB
                          + " lost=0 duplicated=0 topic_missing=0 topic_raw_duplicates="
                          + rawDuplicates));
    }
    assertThat(lines.get(lines.size() - 1)).isEqualTo("verify: all jobs=8 failed=none");
  }

  private List<String> verify(String... options) {
    return verify(EVENTS, options);
  }

  private List<String> verify(int events, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of("verify", "--events", String.valueOf(events), "--work-dir", work.toString()));
    args.addAll(List.of(options));
    PipelineRun run = PipelineRun.of(args).reported();
    assertThat(run.exit()).as(run.printed()).isZero();
    return run.lines();
  }
}
