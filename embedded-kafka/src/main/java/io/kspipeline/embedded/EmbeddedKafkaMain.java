package io.kspipeline.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Entry point of a broker JVM started by {@link BrokerProcess}. Prints {@value #READY_PREFIX} once
 * the broker accepts connections, and shuts it down on SIGTERM.
 *
 * <p>Arguments: {@code --data-dir=D --port=P --controller-port=C [--partitions=N]
 * [--override=key=value]...}, and for a cluster node {@code --node-id=I --quorum-voters=V
 * --cluster-id=U --cluster-size=S}.
 */
public final class EmbeddedKafkaMain {
  static final String READY_PREFIX = "EMBEDDED-KAFKA-READY ";

  private EmbeddedKafkaMain() {}

  public static void main(String[] args) throws InterruptedException {
    BrokerConfig config = parse(args);
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  broker.close();
                  stopped.countDown();
                },
                "embedded-kafka-shutdown"));
    System.out.println(READY_PREFIX + broker.bootstrapServers());
    System.out.flush();
    stopped.await();
  }

  static BrokerConfig parse(String[] args) {
    Path dataDir = null;
    int port = -1;
    int controllerPort = -1;
    int partitions = 1;
    Map<String, String> overrides = new LinkedHashMap<>();
    Map<String, String> membership = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("expected --name=value, got: " + arg);
      }
      String name = arg.substring(2, eq);
      String value = arg.substring(eq + 1);
      switch (name) {
        case "data-dir" -> dataDir = Path.of(value);
        case "port" -> port = Integer.parseInt(value);
        case "controller-port" -> controllerPort = Integer.parseInt(value);
        case "partitions" -> partitions = Integer.parseInt(value);
        case "override" -> {
          int kv = value.indexOf('=');
          if (kv <= 0) {
            throw new IllegalArgumentException("--override takes key=value, got: " + value);
          }
          overrides.put(value.substring(0, kv), value.substring(kv + 1));
        }
        case "node-id", "quorum-voters", "cluster-id", "cluster-size" ->
            membership.put(name, value);
        default -> throw new IllegalArgumentException("unknown option --" + name);
      }
    }
    if (dataDir == null || port <= 0 || controllerPort <= 0) {
      throw new IllegalArgumentException("--data-dir, --port and --controller-port are required");
    }
    return new BrokerConfig(dataDir, port, controllerPort, partitions, overrides, null)
        .withMember(member(membership));
  }

  private static BrokerConfig.ClusterMember member(Map<String, String> membership) {
    if (membership.isEmpty()) {
      return null;
    }
    if (membership.size() < 4) {
      throw new IllegalArgumentException(
          "a cluster node needs --node-id, --quorum-voters, --cluster-id and --cluster-size");
    }
    return new BrokerConfig.ClusterMember(
        Integer.parseInt(membership.get("node-id")),
        membership.get("quorum-voters"),
        membership.get("cluster-id"),
        Integer.parseInt(membership.get("cluster-size")));
  }

  /** The arguments that make {@link #parse} return {@code config} (without its SASL listener). */
  static List<String> arguments(BrokerConfig config) {
    List<String> args = new ArrayList<>();
    args.add("--data-dir=" + config.dataDir());
    args.add("--port=" + config.port());
    args.add("--controller-port=" + config.controllerPort());
    args.add("--partitions=" + config.defaultPartitions());
    config.overrides().forEach((k, v) -> args.add("--override=" + k + "=" + v));
    BrokerConfig.ClusterMember member = config.member();
    if (member != null) {
      args.add("--node-id=" + member.nodeId());
      args.add("--quorum-voters=" + member.quorumVoters());
      args.add("--cluster-id=" + member.clusterId());
      args.add("--cluster-size=" + member.clusterSize());
    }
    return args;
  }
}
