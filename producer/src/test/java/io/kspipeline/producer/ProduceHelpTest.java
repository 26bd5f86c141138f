package io.kspipeline.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.HelpWarnings;
import io.kspipeline.core.config.PipelineCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProduceHelpTest {
  @Test
  void shouldRenderEveryProduceCommandWithoutPicocliWarnings() {
    List<String> rendered = new ArrayList<>();

    assertThat(HelpWarnings.of(new ProduceCommand(), rendered::add)).isEmpty();
    assertThat(rendered)
        .containsExactly("produce", "produce access-logs", "produce tweets", "produce web-actions");
  }

  @Test
  void shouldShowTheLogFormatExampleAsWritten() {
    StringWriter help = new StringWriter();
    CommandLine cli = PipelineCommandLine.create(new ProduceCommand());
    cli.setOut(new PrintWriter(help));
    cli.setUsageHelpAutoWidth(false);
    cli.setUsageHelpWidth(400); // no wrapping inside the example

    assertThat(cli.execute("access-logs", "--help")).isZero();
    assertThat(help.toString()).contains("'%h %l %u %t \"%r\" %>s %b'");
  }
}
