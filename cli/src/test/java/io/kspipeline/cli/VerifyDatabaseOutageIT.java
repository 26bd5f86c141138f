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
 * {@code verify --db-outage}: the database stopped for 10 s under status-counts' last run, after a
 * SIGKILL of the run before. The job waits and retries its writes (one log line per attempt) and
 * its table ends equal to the truth.
 */
class VerifyDatabaseOutageIT {
  private static final Pattern WORK_DIR = Pattern.compile("verify: work dir (\\S+),");

  @TempDir Path work;

  @Test
  void shouldRetryTheWritesThroughTheOutageAndLoseNothing() throws IOException {
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
            "--db-outage",
            "10s",
            "--seed",
            "3",
            "--work-dir",
            work.toString());

    String out = printed.toString();
    System.out.print(out); // the figures, in the test report
    assertThat(exit).as(out).isZero();
    assertThat(out)
        .contains("verify: database outage: stopped at")
        .contains("verify: database outage: the database is back");
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
        .contains("the database cannot be reached")
        .contains("the database is reachable again");
  }
}
