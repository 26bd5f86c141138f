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
 * Settings of a KRaft node (one process acting as broker and controller) listening on 127.0.0.1
 * only: a single-node broker, or with {@code member} one node of a {@link BrokerCluster}. Ports are
 * fixed when the config is made so that a restarted broker comes back on the same address and
 * clients reconnect.
 */
public record BrokerConfig(
    Path dataDir,
    int port,
    int controllerPort,
    int defaultPartitions,
    Map<String, String> overrides,
    SaslSslListener saslSsl,
    ClusterMember member) {

  public BrokerConfig {
    overrides = Map.copyOf(overrides);
  }

  /** A single-node broker. */
  public BrokerConfig(
      Path dataDir,
      int port,
      int controllerPort,
      int defaultPartitions,
      Map<String, String> overrides,
      SaslSslListener saslSsl) {
    this(dataDir, port, controllerPort, defaultPartitions, overrides, saslSsl, null);
  }

  /**
   * A node's place in a cluster: its id, the controller quorum (every node a voter, {@code
   * id@127.0.0.1:port,...}), the id all nodes are formatted with, and the cluster's size, from
   * which the replication defaults follow.
   */
  public record ClusterMember(int nodeId, String quorumVoters, String clusterId, int clusterSize) {
    /** Replicas of every topic by default: three, or every node of a smaller cluster. */
    public int replicationFactor() {
      return Math.min(3, clusterSize);
    }

    /**
     * Replicas that must have a write before it is acknowledged (acks=all): two of three, so one
     * node may be down and no acknowledged record lives on a single disk.
     */
    public int minInsyncReplicas() {
      return Math.max(1, replicationFactor() - 1);
    }
  }

  /** A broker on two free loopback ports, storing its log under {@code dataDir}. */
  public static BrokerConfig onFreePorts(Path dataDir) {
    return new BrokerConfig(dataDir, freePort(), freePort(), 1, Map.of(), null);
  }

  public BrokerConfig withDefaultPartitions(int partitions) {
    return new BrokerConfig(dataDir, port, controllerPort, partitions, overrides, saslSsl, member);
  }

  public BrokerConfig withOverride(String key, String value) {
    Map<String, String> merged = new LinkedHashMap<>(overrides);
    merged.put(key, value);
    return new BrokerConfig(
        dataDir, port, controllerPort, defaultPartitions, merged, saslSsl, member);
  }

  /** Adds a SASL_SSL (SCRAM-SHA-512) listener for clients; null: PLAINTEXT only. */
  public BrokerConfig withSaslSsl(SaslSslListener listener) {
    return new BrokerConfig(
        dataDir, port, controllerPort, defaultPartitions, overrides, listener, member);
  }

  /** This node as a member of a cluster; null: a single-node broker. */
  public BrokerConfig withMember(ClusterMember clusterMember) {
    return new BrokerConfig(
        dataDir, port, controllerPort, defaultPartitions, overrides, saslSsl, clusterMember);
  }

  public int nodeId() {
    return member == null ? 1 : member.nodeId();
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public Path logDir() {
    return dataDir.resolve("kafka-logs");
  }

  /**
   * The server properties: a single node replicates everything once; a cluster node gets the
   * cluster's replication defaults. Small internal topics for a fast start.
   */
  public Properties serverProperties() {
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(nodeId()));
    p.setProperty(
        "controller.quorum.voters",
        member == null ? "1@127.0.0.1:" + controllerPort : member.quorumVoters());
    String listeners =
        "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort;
    String advertised = "PLAINTEXT://127.0.0.1:" + port;
    String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
    if (saslSsl != null) {
      listeners += ",SASL_SSL://127.0.0.1:" + saslSsl.port();
      advertised += ",SASL_SSL://127.0.0.1:" + saslSsl.port();
      protocols += ",SASL_SSL:SASL_SSL";
      addSaslSslSettings(p);
    }
    p.setProperty("listeners", listeners);
    p.setProperty("advertised.listeners", advertised);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", protocols);
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
    if (member != null) {
      addClusterSettings(p);
    }
    overrides.forEach(p::setProperty);
    return p;
  }

  /**
   * Replication that survives one node's crash without losing an acknowledged record, and a crash
   * noticed within seconds: the controller fences a node whose heartbeats stop for {@code
   * broker.session.timeout.ms} (9 s by default) and only then moves its leaderships.
   */
  private void addClusterSettings(Properties p) {
    String replicas = Integer.toString(member.replicationFactor());
    String minIsr = Integer.toString(member.minInsyncReplicas());
    p.setProperty("default.replication.factor", replicas);
    p.setProperty("min.insync.replicas", minIsr);
    p.setProperty("offsets.topic.replication.factor", replicas);
    p.setProperty("transaction.state.log.replication.factor", replicas);
    p.setProperty("transaction.state.log.min.isr", minIsr);
    p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
    // An out-of-sync replica never becomes leader: that would drop acknowledged records.
    p.setProperty("unclean.leader.election.enable", "false");
    p.setProperty("broker.heartbeat.interval.ms", "500");
    p.setProperty("broker.session.timeout.ms", "3000");
  }

  /** TLS and SCRAM on the SASL_SSL listener only; the other listeners keep no security. */
  private void addSaslSslSettings(Properties p) {
    String prefix = "listener.name.sasl_ssl.";
    p.setProperty(prefix + "sasl.enabled.mechanisms", SaslSslListener.MECHANISM);
    // The broker side of SCRAM needs the login module only; credentials live in the metadata log.
    p.setProperty(
        prefix + "scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    p.setProperty(prefix + "ssl.keystore.type", "PKCS12");
    p.setProperty(prefix + "ssl.keystore.location", saslSsl.keystore().toString());
    p.setProperty(prefix + "ssl.keystore.password", saslSsl.keystorePassword());
    p.setProperty(prefix + "ssl.client.auth", "none");
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
