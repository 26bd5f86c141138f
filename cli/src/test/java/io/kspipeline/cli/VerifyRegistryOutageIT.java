package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code verify --registry-outage}: the schema registry, served over HTTP, stopped for 10 s (and
 * until a run has been refused) under status-counts' first run once it has counted something. The
 * run counts on with its cached schemas and is SIGKILLed inside the outage; the last run cannot
 * start without the registry, says so in one line, and is started again until the registry is back,
 * then drains from the checkpoint. Nothing is lost, nothing counted twice, no good record set aside
 * as a dead letter (it would be missing from the table).
 */
class VerifyRegistryOutageIT {
  private static final Pattern WORK_DIR = Pattern.compile("verify: work dir (\\S+),");

  @TempDir Path work;

  @Test
  void shouldCountOnThenRestartOnceTheRegistryIsBackAndLoseNothing() throws IOException {
    StringWriter printed = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new Pipeline());
    cli.setOut(new PrintWriter(printed));
    cli.setErr(new PrintWriter(printed));

    int exit =
        cli.execute(
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

    String out = printed.toString();
    System.out.print(out); // the figures, in the test report
    assertThat(exit).as(out).isZero();
    assertThat(out)
        .contains("verify: registry outage: stopped at")
        .contains("verify: registry outage: the running job counted on to")
        .contains("verify: run 0: SIGKILL during the registry outage")
        .contains("verify: run 1: attempt 1 could not start: cannot reach the schema registry at")
        .contains("verify: registry outage: the schema registry is back")
        .contains("verify: run 1: drained");
    List<String> lines = out.strip().lines().toList();
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "verify: job=status-counts kills=1 events=600 lost=0 duplicated=0 topic_missing=0"
                + " topic_raw_duplicates=\\d+");
    Matcher dir = WORK_DIR.matcher(out);
    assertThat(dir.find()).as(out).isTrue();
    String lastRun = Files.readString(Path.of(dir.group(1)).resolve("job-run-1.log"));
    assertThat(lastRun)
        .as("the last run's log")
        .contains("status-counts: cannot reach the schema registry at http://127.0.0.1:");
  }
}
