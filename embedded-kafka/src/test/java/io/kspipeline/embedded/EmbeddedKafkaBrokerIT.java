package io.kspipeline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process broker: clients on both listeners, and a restart on the same storage. */
class EmbeddedKafkaBrokerIT {
  private static final Map<String, String> PLAINTEXT = Map.of();

  @TempDir Path dir;

  @Test
  void shouldServeRecordsAndKeepThemAcrossARestartOnTheSameDirectory() throws Exception {
    BrokerConfig config = BrokerConfig.onFreePorts(dir.resolve("broker"));
    Map<String, Object> client = Clients.listener(config.bootstrapServers(), PLAINTEXT);
    TopicPartition partition = new TopicPartition("kept", 0);
    String clusterId;
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config)) {
      assertThat(broker.bootstrapServers()).isEqualTo(config.bootstrapServers());
      assertThatThrownBy(broker::saslSslBootstrapServers)
          .hasMessage("the broker has no SASL_SSL listener");
      try (Admin admin = Clients.admin(client)) {
        clusterId = admin.describeCluster().clusterId().get();
        admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1))).all().get();
        Clients.send(client, "kept", List.of("a", "b", "c"));
        // A group that has read a and b.
        admin
            .alterConsumerGroupOffsets("readers", Map.of(partition, new OffsetAndMetadata(2)))
            .all()
            .get();
      }
      assertThat(Clients.readAll(client, "kept")).containsExactly("a", "b", "c");
    }

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config);
        Admin admin = Clients.admin(client)) {
      // The same storage, not formatted again: the cluster, its topic and the group's offset.
      assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
      assertThat(admin.listConsumerGroupOffsets("readers").partitionsToOffsetAndMetadata().get())
          .isEqualTo(Map.of(partition, new OffsetAndMetadata(2)));
      assertThat(Clients.readAll(client, "kept")).containsExactly("a", "b", "c");
    }
  }

  @Test
  void shouldServeScramUsersOverTlsBesidePlaintextAndKeepThemAcrossARestart() throws Exception {
    SelfSignedTls tls = SelfSignedTls.generate(dir.resolve("tls"), "store-pw");
    SaslSslListener listener =
        SaslSslListener.onFreePort(tls.keystore(), tls.password(), Map.of("alice", "alice-pw"));
    BrokerConfig config = BrokerConfig.onFreePorts(dir.resolve("broker")).withSaslSsl(listener);
    Map<String, Object> plaintext = Clients.listener(config.bootstrapServers(), PLAINTEXT);
    Map<String, Object> alice = saslSsl(listener, tls, "alice", "alice-pw");

    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config)) {
      assertThat(broker.saslSslBootstrapServers()).isEqualTo(listener.bootstrapServers());
      try (Admin admin = Clients.admin(plaintext)) {
        admin.createTopics(List.of(new NewTopic("secured", 1, (short) 1))).all().get();
      }
      Clients.send(alice, "secured", List.of("over tls"));
      assertThat(Clients.readAll(plaintext, "secured")).containsExactly("over tls");
      try (Admin impostor = Clients.admin(saslSsl(listener, tls, "alice", "not-her-password"))) {
        assertThatThrownBy(() -> impostor.describeCluster().clusterId().get())
            .hasCauseInstanceOf(SaslAuthenticationException.class);
      }
    }

    // The users were written into the metadata log at format time, which a restart does not redo.
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config)) {
      assertThat(Clients.readAll(alice, "secured")).containsExactly("over tls");
    }
  }

  private static Map<String, Object> saslSsl(
      SaslSslListener listener, SelfSignedTls tls, String user, String password) {
    return Clients.listener(
        listener.bootstrapServers(),
        Map.of(
            "security.protocol",
            "SASL_SSL",
            "sasl.mechanism",
            SaslSslListener.MECHANISM,
            "sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + user
                + "\" password=\""
                + password
                + "\";",
            "ssl.truststore.type",
            "PKCS12",
            "ssl.truststore.location",
            tls.truststore().toString(),
            "ssl.truststore.password",
            tls.password()));
  }
}
