package io.kspipeline.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * A KRaft cluster of N nodes on loopback, each a broker and controller in a JVM of its own ({@link
 * BrokerProcess}), all voters of one controller quorum, so that any node, the active controller
 * included, can be SIGKILLed and restarted on the same ports and storage while clients keep going.
 * Nodes are numbered 1 to N; topics get min(3, N) replicas and, from three nodes on, {@code
 * min.insync.replicas=2} by default ({@link BrokerConfig.ClusterMember}).
 */
public final class BrokerCluster implements AutoCloseable {
  /**
   * Three nodes and a Spark job share two cores: small heaps, one GC thread, and only the quick JIT
   * compiler, which halves a node's start (and restart) on a busy machine.
   */
  private static final List<String> NODE_JVM_OPTIONS =
      List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  /** Consecutive checks, 300 ms apart, that must find the in-sync replicas complete. */
  private static final int IN_SYNC_CHECKS = 4;

  private static final Duration REJOIN_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final List<BrokerProcess> nodes;
  private final Admin admin;

  private BrokerCluster(List<BrokerProcess> nodes) {
    this.nodes = nodes;
    this.admin = Admin.create(adminConfig());
  }

  private Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis());
    return config;
  }

  /**
   * Formats {@code size} nodes under {@code dataDir}/node-I with one cluster id and starts them;
   * returns once every node is up.
   */
  public static BrokerCluster start(Path dataDir, int size, int defaultPartitions) {
    if (size < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node, not " + size);
    }
    List<BrokerConfig> configs = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      configs.add(
          BrokerConfig.onFreePorts(dataDir.resolve("node-" + i))
              .withDefaultPartitions(defaultPartitions));
    }
    String voters =
        IntStream.range(0, size)
            .mapToObj(i -> (i + 1) + "@127.0.0.1:" + configs.get(i).controllerPort())
            .collect(Collectors.joining(","));
    String clusterId = Uuid.randomUuid().toString();
    List<BrokerConfig> members = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      members.add(
          configs
              .get(i)
              .withMember(new BrokerConfig.ClusterMember(i + 1, voters, clusterId, size)));
    }
    return new BrokerCluster(BrokerProcess.startAll(members, NODE_JVM_OPTIONS));
  }

  /** Every node's address. */
  public String bootstrapServers() {
    return nodes.stream().map(BrokerProcess::bootstrapServers).collect(Collectors.joining(","));
  }

  public int size() {
    return nodes.size();
  }

  /** The replication every topic gets by default. */
  public BrokerConfig.ClusterMember replication() {
    return nodes.get(0).config().member();
  }

  public BrokerConfig config(int nodeId) {
    return node(nodeId).config();
  }

  /** The id of the node that leads the partition now. */
  public int leaderOf(String topic, int partition) {
    TopicPartitionInfo info = partitionInfo(describe(List.of(topic)).get(topic), partition);
    Node leader = info.leader();
    if (leader == null || leader.id() < 0) {
      throw new IllegalStateException(topic + "-" + partition + " has no leader");
    }
    return leader.id();
  }

  /** SIGKILL of one node: no flush, no controlled shutdown, its leaderships move on fencing. */
  public void kill(int nodeId) {
    node(nodeId).kill();
  }

  /**
   * Starts a killed node again and returns once it serves and is back in the in-sync replicas of
   * every partition of {@code topics}, so that the next kill cannot take the last in-sync copy.
   */
  public void restart(int nodeId, Collection<String> topics) {
    node(nodeId).restart();
    long deadline = System.nanoTime() + REJOIN_TIMEOUT.toNanos();
    // Seen complete several times in a row: a node that has just started may answer from metadata
    // it has not caught up on yet, which still shows the in-sync replicas from before the kill.
    int completeInARow = 0;
    List<String> behind = outOfSync(topics);
    while (completeInARow < IN_SYNC_CHECKS) {
      completeInARow = behind.isEmpty() ? completeInARow + 1 : 0;
      if (completeInARow == IN_SYNC_CHECKS) {
        break;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "node "
                + nodeId
                + " restarted but the in-sync replicas are not complete after "
                + REJOIN_TIMEOUT
                + ": "
                + String.join("; ", behind)
                + " (see "
                + node(nodeId).config().dataDir().resolve("broker.log")
                + ")");
      }
      sleep(Duration.ofMillis(300));
      behind = outOfSync(topics);
    }
  }

  /** Partitions of the topics whose in-sync replicas are fewer than their replicas. */
  private List<String> outOfSync(Collection<String> topics) {
    List<String> behind = new ArrayList<>();
    describe(topics)
        .forEach(
            (topic, description) ->
                description.partitions().stream()
                    .filter(p -> p.isr().size() < p.replicas().size())
                    .forEach(
                        p ->
                            behind.add(
                                topic
                                    + "-"
                                    + p.partition()
                                    + " isr "
                                    + ids(p.isr())
                                    + " of "
                                    + ids(p.replicas()))));
    return behind;
  }

  private Map<String, TopicDescription> describe(Collection<String> topics) {
    try {
      return describe(admin, topics);
    } catch (IllegalStateException e) {
      if (!(e.getCause() instanceof ExecutionException failed
          && failed.getCause() instanceof TimeoutException)) {
        throw e;
      }
      // Seen once after a kill: the long-lived client stuck waiting for a node for its whole
      // timeout while the other nodes served. A client started afresh bootstraps from every node.
      try (Admin fresh = Admin.create(adminConfig())) {
        return describe(fresh, topics);
      }
    }
  }

  private static Map<String, TopicDescription> describe(Admin client, Collection<String> topics) {
    try {
      return client.describeTopics(topics).allTopicNames().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot describe " + topics + ": " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + topics, e);
    }
  }

  private static TopicPartitionInfo partitionInfo(TopicDescription description, int partition) {
    return description.partitions().stream()
        .filter(p -> p.partition() == partition)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    description.name() + " has no partition " + partition));
  }

  private static List<Integer> ids(List<Node> nodes) {
    return nodes.stream().map(Node::id).sorted().toList();
  }

  private BrokerProcess node(int nodeId) {
    if (nodeId < 1 || nodeId > nodes.size()) {
      throw new IllegalArgumentException("no node " + nodeId + " in a cluster of " + nodes.size());
    }
    return nodes.get(nodeId - 1);
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cluster", e);
    }
  }

  /** SIGTERM to every node at once: the controlled shutdowns must not wait for each other. */
  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
    List<Thread> stopping = new ArrayList<>();
    for (BrokerProcess node : nodes) {
      Thread t = new Thread(node::close, "stop-node-" + node.config().nodeId());
      t.start();
      stopping.add(t);
    }
    for (Thread t : stopping) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        nodes.forEach(BrokerProcess::kill);
        return;
      }
    }
  }
}
