package io.kspipeline.cli;

import io.kspipeline.embedded.BrokerCluster;
import io.kspipeline.embedded.BrokerConfig;
import io.kspipeline.embedded.BrokerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The cluster a verify run uses: the user's (--bootstrap), an embedded broker in a JVM of its own,
 * which can be SIGKILLed and restarted on the same ports and storage, or an embedded cluster of
 * such nodes whose partition leaders can be killed while the job runs.
 */
final class VerifyBroker implements AutoCloseable {
  private final String bootstrap;
  private final BrokerProcess process;
  private final BrokerCluster cluster;

  private VerifyBroker(String bootstrap, BrokerProcess process, BrokerCluster cluster) {
    this.bootstrap = bootstrap;
    this.process = process;
    this.cluster = cluster;
  }

  static VerifyBroker external(String bootstrap) {
    return new VerifyBroker(bootstrap, null, null);
  }

  /** One broker in {@code dataDir}, or a cluster of {@code brokers} nodes under it. */
  static VerifyBroker embedded(Path dataDir, int brokers) {
    if (brokers > 1) {
      BrokerCluster cluster = BrokerCluster.start(dataDir.resolve("kafka"), brokers, 2);
      return new VerifyBroker(cluster.bootstrapServers(), null, cluster);
    }
    BrokerProcess process =
        BrokerProcess.start(BrokerConfig.onFreePorts(dataDir).withDefaultPartitions(2));
    return new VerifyBroker(process.bootstrapServers(), process, null);
  }

  String bootstrap() {
    return bootstrap;
  }

  /**
   * The client properties file of the harness and the job: the user's, or on the embedded cluster
   * one that bounds Admin calls to 15 s (and requests to 10 s). Spark's Structured Kafka source
   * looks its offsets up with Admin.listOffsets, and a call bound to a leader that was just killed
   * waits for that node until the API timeout (60 s by default) rather than following the new
   * leader; Spark retries the lookup (three attempts), and the retry finds the new leader, elected
   * 3 s after the kill.
   */
  Path clientConfig(Path userConfig, Path runDir) throws IOException {
    if (cluster == null) {
      return userConfig;
    }
    Path file = runDir.resolve("cluster-client.properties");
    // An Admin client refuses an API timeout below its request timeout (30 s by default).
    Files.writeString(
        file, "default.api.timeout.ms=15000\nrequest.timeout.ms=10000\n", StandardCharsets.UTF_8);
    return file;
  }

  /** The embedded cluster, if this run has one. */
  Optional<BrokerCluster> cluster() {
    return Optional.ofNullable(cluster);
  }

  /** SIGKILL, then a restart that returns once the broker listens again. */
  void bounce() {
    if (process == null) {
      throw new IllegalStateException("only the embedded broker can be bounced");
    }
    process.kill();
    process.restart();
  }

  /**
   * Input (two partitions, so the jobs read in parallel), its dead letters and late records, and
   * the output in one partition, not compacted, so its order is the order written and every raw
   * duplicate shows. On the embedded cluster each has min(3, N) replicas, two of which must have a
   * write before it is acknowledged; elsewhere the cluster's defaults apply.
   */
  void createTopics(VerifySetup setup) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    topics.add(topic(setup.inputTopic(), 2));
    topics.add(topic(setup.deadLetterTopic(), 1));
    topics.add(topic(setup.lateTopic(), 1));
    topics.add(topic(setup.outputTopic(), 1));
    try (Admin admin = Admin.create(setup.kafkaClient())) {
      admin.createTopics(topics).all().get();
    }
  }

  private NewTopic topic(String name, int partitions) {
    if (cluster == null) {
      return new NewTopic(name, Optional.of(partitions), Optional.empty());
    }
    BrokerConfig.ClusterMember replication = cluster.replication();
    return new NewTopic(
            name, Optional.of(partitions), Optional.of((short) replication.replicationFactor()))
        .configs(Map.of("min.insync.replicas", Integer.toString(replication.minInsyncReplicas())));
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}
