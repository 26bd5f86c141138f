package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.HelpWarnings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command's --help, as bin/pipeline renders it, prints no picocli warning. */
class PipelineHelpTest {
  @Test
  void shouldRenderTheHelpOfEveryCommandWithoutPicocliWarnings() {
    List<String> rendered = new ArrayList<>();

    assertThat(HelpWarnings.of(new Pipeline(), rendered::add)).isEmpty();
    assertThat(rendered)
        .contains(
            "pipeline demo",
            "pipeline produce access-logs",
            "pipeline produce tweets",
            "pipeline produce web-actions",
            "pipeline verify",
            "pipeline job top-urls",
            "pipeline job popular-hashtags",
            "pipeline checkpoint inspect",
            "pipeline checkpoint reset",
            "pipeline parse tweet");
  }
}
