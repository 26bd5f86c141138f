package io.kspipeline.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Options configured by code take the defaults their annotations declare, and nothing else. */
class WithDefaultsTest {
  @Command(name = "sample")
  static final class Sample {
    @Option(names = "--window", defaultValue = "30s")
    Duration window;

    @Option(names = "--top", defaultValue = "10")
    int top;

    @Option(names = "--topic")
    String topic = "kept-initial-value";

    @Option(names = "--unset")
    String unset;
  }

  @Test
  void shouldSetDeclaredDefaultsAndKeepInitialValues() {
    Sample sample = PipelineCommandLine.withDefaults(new Sample());

    assertThat(sample.window).isEqualTo(Duration.ofSeconds(30));
    assertThat(sample.top).isEqualTo(10);
    assertThat(sample.topic).isEqualTo("kept-initial-value");
    assertThat(sample.unset).isNull();
  }
}
