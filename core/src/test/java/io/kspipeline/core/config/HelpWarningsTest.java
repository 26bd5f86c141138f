package io.kspipeline.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.inspect.ParseCommand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class HelpWarningsTest {
  @Command(name = "top", subcommands = Bare.class)
  static final class Top {}

  @Command(name = "bare")
  static final class Bare {
    @Option(names = "--format", description = "e.g. '%h %l'")
    String format;
  }

  @Test
  void shouldReportTheWarningOfABarePercentInASubcommandsDescription() {
    List<String> rendered = new ArrayList<>();

    List<String> warnings = HelpWarnings.of(new Top(), rendered::add);

    assertThat(rendered).containsExactly("top", "top bare");
    assertThat(warnings)
        .isNotEmpty()
        .allSatisfy(
            w -> assertThat(w).startsWith("[picocli WARN] Could not format 'e.g. '%h %l''"));
  }

  @Test
  void shouldRenderEveryParseCommandWithoutWarnings() {
    List<String> rendered = new ArrayList<>();

    assertThat(HelpWarnings.of(new ParseCommand(), rendered::add)).isEmpty();
    assertThat(rendered)
        .containsExactly("parse", "parse access-log", "parse hashtags", "parse tweet");
  }
}
