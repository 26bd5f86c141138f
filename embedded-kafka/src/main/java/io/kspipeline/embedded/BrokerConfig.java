package io.kspipeline.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Settings of a single-node KRaft broker (one process acting as broker and controller) listening on
 * 127.0.0.1 only. Ports are fixed when the config is made so that a restarted broker comes back on
 * the same address and clients reconnect.
 */
public record BrokerConfig(
    Path dataDir,
    int port,
    int controllerPort,
    int defaultPartitions,
    Map<String, String> overrides) {

  public BrokerConfig {
    overrides = Map.copyOf(overrides);
  }

  /** A broker on two free loopback ports, storing its log under {@code dataDir}. */
  public static BrokerConfig onFreePorts(Path dataDir) {
    return new BrokerConfig(dataDir, freePort(), freePort(), 1, Map.of());
  }

  public BrokerConfig withDefaultPartitions(int partitions) {
    return new BrokerConfig(dataDir, port, controllerPort, partitions, overrides);
  }

  public BrokerConfig withOverride(String key, String value) {
    Map<String, String> merged = new LinkedHashMap<>(overrides);
    merged.put(key, value);
    return new BrokerConfig(dataDir, port, controllerPort, defaultPartitions, merged);
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public Path logDir() {
    return dataDir.resolve("kafka-logs");
  }

  /** The server properties: everything replicated once, small internal topics for fast start. */
  public Properties serverProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", "1");
    p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.setProperty(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", logDir().toString());
    p.setProperty("num.partitions", Integer.toString(defaultPartitions));
    p.setProperty("auto.create.topics.enable", "true");
    p.setProperty("offsets.topic.replication.factor", "1");
    // 50 offset partitions (the default) make the first consumer group wait for 50 leaders.
    p.setProperty("offsets.topic.num.partitions", "4");
    p.setProperty("transaction.state.log.replication.factor", "1");
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", "4");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("share.coordinator.state.topic.replication.factor", "1");
    overrides.forEach(p::setProperty);
    return p;
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
