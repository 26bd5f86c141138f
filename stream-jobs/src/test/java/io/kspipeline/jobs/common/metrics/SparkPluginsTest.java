package io.kspipeline.jobs.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metrics plugin joins the plugins a user configured, once. */
class SparkPluginsTest {
  private static final String PLUGIN = "io.kspipeline.Plugin";

  @Test
  void shouldAddThePluginToTheUsersList() {
    assertThat(PipelineMetricsPlugin.withPlugin("", PLUGIN)).isEqualTo(PLUGIN);
    assertThat(PipelineMetricsPlugin.withPlugin("com.acme.A, com.acme.B", PLUGIN))
        .isEqualTo("com.acme.A,com.acme.B," + PLUGIN);
  }

  @Test
  void shouldNotListThePluginTwice() {
    assertThat(PipelineMetricsPlugin.withPlugin(PLUGIN + ",com.acme.A", PLUGIN))
        .isEqualTo("com.acme.A," + PLUGIN);
  }
}
