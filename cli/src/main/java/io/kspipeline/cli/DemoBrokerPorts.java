package io.kspipeline.cli;

import io.kspipeline.embedded.BrokerConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The demo's embedded broker on the ports of its previous run in the same work directory, when they
 * are free: the DStream jobs' checkpoint holds the broker's address in its graph, so a broker on
 * new ports would make a restarted demo refuse its own checkpoint (see JobCheckpoint). New free
 * ports otherwise, remembered for the next run.
 */
final class DemoBrokerPorts {
  static final String FILE = "broker-ports";

  private DemoBrokerPorts() {}

  static BrokerConfig config(Path workDir, Path kafkaDir) {
    Path file = workDir.resolve(FILE);
    try {
      if (Files.exists(file)) {
        String[] ports = Files.readString(file, StandardCharsets.UTF_8).trim().split("\\s+");
        if (ports.length == 2) {
          int port = Integer.parseInt(ports[0]);
          int controllerPort = Integer.parseInt(ports[1]);
          if (free(port) && free(controllerPort)) {
            return new BrokerConfig(kafkaDir, port, controllerPort, 1, Map.of(), null);
          }
        }
      }
      BrokerConfig config = BrokerConfig.onFreePorts(kafkaDir);
      Files.writeString(
          file, config.port() + " " + config.controllerPort() + "\n", StandardCharsets.UTF_8);
      return config;
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("cannot read or write " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
