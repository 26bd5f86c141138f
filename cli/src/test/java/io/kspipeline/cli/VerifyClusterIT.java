package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} on a 3-node embedded KRaft cluster: the leader of the input's (then the output's)
 * partition 0 is SIGKILLed twice while the job runs and events are produced, and restarted. The job
 * must keep running through both, no acknowledged event may be lost or doubled, and the table and
 * the output topic must come out exact.
 */
class VerifyClusterIT {
  private static final int EVENTS = 400;
  private static final Pattern BOUNCE =
      Pattern.compile(
          "verify: broker bounce (\\d): SIGKILL of node (\\d) \\(leader of \\S+-(input|output)-0,"
              + " now node (\\d)\\); (\\d+) events acknowledged .*");

  @TempDir Path work;

  @Test
  void shouldLoseAndDuplicateNothingThroughTwoLeaderKillsWhileTheJobRuns() {
    PipelineRun run =
        PipelineRun.of(
            "verify",
            "--job",
            "status-counts",
            "--brokers",
            "3",
            "--kills",
            "0",
            "--bounce-broker",
            "2",
            "--events",
            String.valueOf(EVENTS),
            "--seed",
            "3",
            "--work-dir",
            work.toString());
    run.reported();
    assertThat(run.exit()).as(run.printed()).isZero();
    List<String> lines = run.lines();

    List<Matcher> bounces = lines.stream().map(BOUNCE::matcher).filter(Matcher::matches).toList();
    assertThat(bounces).as("two leader kills").hasSize(2);
    assertThat(bounces.get(0).group(3)).isEqualTo("input");
    assertThat(bounces.get(1).group(3)).isEqualTo("output");
    assertThat(bounces)
        .allSatisfy(
            b -> {
              assertThat(b.group(4)).as("the leadership moved").isNotEqualTo(b.group(2));
              assertThat(Integer.parseInt(b.group(5))).as("acknowledged while down").isPositive();
            });
    assertThat(lines)
        .anyMatch(l -> l.matches("verify: run 0: kept running through broker-bounces; .*"))
        .contains("verify: bounces=2 acked=" + EVENTS + " acked_lost=0 acked_duplicated=0")
        .anyMatch(
            l ->
                l.matches(
                    "verify: job=status-counts kills=0 events="
                        + EVENTS
                        + " lost=0 duplicated=0 topic_missing=0 topic_raw_duplicates=\\d+"));
  }
}
