package io.kspipeline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker's SASL_SSL listener: SCRAM users over TLS signed by the generated CA. */
class SaslSslHarnessIT {
  private static KafkaHarness kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaHarness.startSaslSsl(Map.of("alice", "alice-pw"));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  private static Admin admin(String user, String password) {
    SaslSslEndpoint endpoint = kafka.saslSsl();
    Map<String, Object> config = new HashMap<>(endpoint.clientProperties(user, password));
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoint.bootstrapServers());
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    return Admin.create(config);
  }

  @Test
  void shouldServeAScramUserOverTls() throws Exception {
    kafka.createTopic("secured", 1);
    try (Admin admin = admin("alice", "alice-pw")) {
      assertThat(admin.listTopics().names().get()).contains("secured");
    }
    kafka.produceValues("secured", List.of("x"));
    assertThat(kafka.readAll("secured")).hasSize(1);
  }

  @Test
  void shouldRejectAWrongPassword() {
    try (Admin admin = admin("alice", "not-her-password")) {
      assertThatThrownBy(() -> admin.describeCluster().clusterId().get())
          .hasCauseInstanceOf(SaslAuthenticationException.class)
          .hasMessageContaining("invalid credentials");
    }
  }
}
