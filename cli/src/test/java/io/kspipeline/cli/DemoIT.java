package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's first command, in-process: embedded broker, producer, Spark job, H2. */
class DemoIT {
  @TempDir Path work;

  private String demo() {
    StringWriter out = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new Pipeline());
    cli.setOut(new PrintWriter(out));
    int exit = cli.execute("demo", "--work-dir", work.toString());
    assertThat(exit).as(out.toString()).isZero();
    return out.toString();
  }

  @Test
  void shouldCountTheBundledSampleAndContinueOnTheNextRun() {
    String first = demo();
    // The sample has 1,000 lines: 997 parse, 3 truncated ones are dead-lettered by the producer.
    assertThat(first)
        .contains("read=1000 sent=997 dead_lettered=3 failed=0")
        .contains("|    200 |    784 |")
        .contains("|    408 |      4 |")
        .contains("SELECT status, hits FROM status_counts");

    String second = demo();
    assertThat(second).contains("|    200 |   1568 |").contains("|    408 |      8 |");
  }
}
