package io.kspipeline.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The broker in a JVM of its own, stopped with SIGTERM and SIGKILL and started again. */
class BrokerProcessIT {
  /** Kafka writes it into the log dir on a controlled shutdown and deletes it when it starts. */
  private static final String CLEAN_SHUTDOWN = ".kafka_cleanshutdown";

  @TempDir Path dir;

  @Test
  void shouldComeBackOnTheSameAddressWithItsRecordsAfterASigtermAndASigkill() throws Exception {
    // After a SIGKILL the broker's old registration holds its id until its session times out (9 s
    // by default); a short session brings the restart down from ~15 s to a few. Also the override
    // path to the broker JVM.
    BrokerConfig config =
        BrokerConfig.onFreePorts(dir.resolve("broker"))
            .withOverride("broker.heartbeat.interval.ms", "500")
            .withOverride("broker.session.timeout.ms", "1500");
    Path cleanShutdown = config.logDir().resolve(CLEAN_SHUTDOWN);
    Map<String, Object> client = Clients.listener(config.bootstrapServers(), Map.of());
    try (BrokerProcess broker = BrokerProcess.start(config)) {
      assertThat(broker.bootstrapServers()).isEqualTo(config.bootstrapServers());
      try (Admin admin = Clients.admin(client)) {
        admin.createTopics(List.of(new NewTopic("survives", 2, (short) 1))).all().get();
      }
      Clients.send(client, "survives", List.of("a", "b"));

      broker.close();
      assertThat(cleanShutdown).as("SIGTERM: a controlled shutdown").exists();

      broker.restart();
      assertThat(cleanShutdown).as("taken at start").doesNotExist();
      Clients.send(client, "survives", List.of("c"));
      long running = broker.pid();

      broker.kill();
      assertThat(ProcessHandle.of(running).filter(ProcessHandle::isAlive)).isEmpty();
      assertThatThrownBy(() -> connect(config.port())).isInstanceOf(ConnectException.class);
      assertThat(cleanShutdown).as("SIGKILL: a crash").doesNotExist();

      broker.restart();
      assertThat(broker.pid()).isNotEqualTo(running);
      Clients.send(client, "survives", List.of("d"));
      assertThat(Clients.readAll(client, "survives")).containsExactlyInAnyOrder("a", "b", "c", "d");
    }
  }

  private static void connect(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    }
  }
}
