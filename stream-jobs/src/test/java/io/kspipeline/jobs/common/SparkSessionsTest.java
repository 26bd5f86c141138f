package io.kspipeline.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metrics plugin joins the plugins a user configured, once. */
class SparkSessionsTest {
  private static final String PLUGIN = "io.kspipeline.Plugin";

  @Test
  void shouldAddThePluginToTheUsersList() {
    assertThat(SparkSessions.withPlugin("", PLUGIN)).isEqualTo(PLUGIN);
    assertThat(SparkSessions.withPlugin("com.acme.A, com.acme.B", PLUGIN))
        .isEqualTo("com.acme.A,com.acme.B," + PLUGIN);
  }

  @Test
  void shouldNotListThePluginTwice() {
    assertThat(SparkSessions.withPlugin(PLUGIN + ",com.acme.A", PLUGIN))
        .isEqualTo("com.acme.A," + PLUGIN);
  }
}
