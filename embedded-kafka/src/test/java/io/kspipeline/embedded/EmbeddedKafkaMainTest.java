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
