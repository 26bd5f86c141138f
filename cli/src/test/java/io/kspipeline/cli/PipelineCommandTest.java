package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PipelineCommandTest {
  private static String run(String... args) {
    return PipelineRun.of(args).printed();
  }

  @Test
  void shouldListTheCommandsInHelp() {
    assertThat(run("--help")).contains("demo", "produce", "job", "parse", "PIPELINE_JDBC_URL");
  }

  @Test
  void shouldDescribeEachJobAndProducerOption() {
    assertThat(run("job", "status-counts", "--help"))
        .contains("--checkpoint", "--trigger", "--jdbc-url", "--jdbc-password-file", "--console")
        .contains("--metrics-port");
    assertThat(run("job", "error-alerts", "--help"))
        .contains("--match", "--[no-]server-errors", "--continuous", "--input", "--metrics-port");
    assertThat(run("produce", "access-logs", "--help")).contains("--file", "--bootstrap", "-X");
    assertThat(run("parse", "access-log", "--help")).contains("--log-format");
  }

  @Test
  void shouldOfferTheCheckpointTools() {
    assertThat(run("--help")).contains("checkpoint");
    assertThat(run("checkpoint", "inspect", "--help"))
        .contains("--job", "--checkpoint", "--bootstrap", "--json");
    assertThat(run("checkpoint", "reset", "--help"))
        .contains("--job", "--checkpoint", "--to", "<checkpoint>.reset-<time>");
  }

  @Test
  void shouldRejectAnUnknownCommandWithASuggestion() {
    CommandLine cli = PipelineCommandLine.create(new Pipeline());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    assertThat(cli.execute("jbo")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument at index 0: 'jbo'");
  }
}
