package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code verify} end to end, as CI runs it: a Structured and a DStream job each SIGKILLed three
 * times (at least once inside an open JDBC transaction) and restarted from their checkpoints, and
 * one broker bounce while events are produced (folded into the Structured run: a job JVM start
 * costs 10–20 s here). Nothing may be lost or counted twice, and the output topic, read
 * read_committed, holds no raw duplicate: the jobs write it exactly once.
 */
class VerifyIT {
  private static final int EVENTS = 600;

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
  void shouldLoseAndDuplicateNothingThroughKillsForHashtagCounts() {
    List<String> lines = verify("--job", "hashtag-counts", "--kills", "3", "--seed", "2");

    assertThat(lines.get(lines.size() - 2)).matches(KILLS_IN_OPEN_TRANSACTION);
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "verify: job=hashtag-counts kills=3 events="
                + EVENTS
                + " lost=0 duplicated=0 topic_missing=0 topic_raw_duplicates=0");
  }

  private List<String> verify(String... options) {
    StringWriter out = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new Pipeline());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(out));
    List<String> args =
        new ArrayList<>(
            List.of("verify", "--events", String.valueOf(EVENTS), "--work-dir", work.toString()));
    args.addAll(List.of(options));
    int exit = cli.execute(args.toArray(String[]::new));
    System.out.print(out); // the figures, in the test report
    assertThat(exit).as(out.toString()).isZero();
    return out.toString().strip().lines().toList();
  }
}
