package io.kspipeline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a broker JVM is told on its command line, and what the process mode refuses. */
class EmbeddedKafkaMainTest {
  @Test
  void shouldReadTheOptionsBrokerProcessPasses() {
    BrokerConfig config =
        EmbeddedKafkaMain.parse(
            new String[] {
              "--data-dir=/data/broker",
              "--port=9092",
              "--controller-port=9093",
              "--partitions=3",
              "--override=log.retention.ms=1000",
              "--override=listener.name.x.sasl.jaas.config=a=b"
            });

    assertThat(config)
        .isEqualTo(
            new BrokerConfig(
                Path.of("/data/broker"),
                9092,
                9093,
                3,
                Map.of("log.retention.ms", "1000", "listener.name.x.sasl.jaas.config", "a=b"),
                null));
  }

  @Test
  void shouldHandAClusterNodeToItsJvmAsItIs() {
    BrokerConfig node =
        new BrokerConfig(Path.of("/data/node-2"), 9094, 9095, 2, Map.of("a.b", "c"), null)
            .withMember(
                new BrokerConfig.ClusterMember(
                    2, "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097", "abc", 3));

    assertThat(EmbeddedKafkaMain.parse(EmbeddedKafkaMain.arguments(node).toArray(String[]::new)))
        .isEqualTo(node);
    assertThat(node.serverProperties())
        .containsEntry("node.id", "2")
        .containsEntry(
            "controller.quorum.voters", "1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097")
        .containsEntry("default.replication.factor", "3")
        .containsEntry("min.insync.replicas", "2")
        .containsEntry("offsets.topic.replication.factor", "3")
        .containsEntry("transaction.state.log.min.isr", "2")
        .containsEntry("unclean.leader.election.enable", "false");
  }

  @Test
  void shouldRefuseMissingOrUnknownOptions() {
    assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {"--port=9092"}))
        .hasMessage("--data-dir, --port and --controller-port are required");
    assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {"--colour=blue"}))
        .hasMessage("unknown option --colour");
    assertThatThrownBy(() -> EmbeddedKafkaMain.parse(new String[] {"--override=novalue"}))
        .hasMessage("--override takes key=value, got: novalue");
  }

  @Test
  void shouldLeaveASaslSslListenerToTheInProcessBroker(@TempDir Path dir) {
    SaslSslListener listener =
        SaslSslListener.onFreePort(dir.resolve("broker.p12"), "pw", Map.of("alice", "pw"));

    assertThatThrownBy(
            () -> BrokerProcess.start(BrokerConfig.onFreePorts(dir).withSaslSsl(listener)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a SASL_SSL listener needs the in-process broker");
  }
}
