package io.kspipeline.cli;

import io.kspipeline.embedded.BrokerConfig;
import io.kspipeline.embedded.BrokerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The cluster a verify run uses: the user's (--bootstrap), or an embedded broker in a JVM of its
 * own, which can be SIGKILLed and restarted on the same ports and storage.
 */
final class VerifyBroker implements AutoCloseable {
  private final String bootstrap;
  private final BrokerProcess process;

  private VerifyBroker(String bootstrap, BrokerProcess process) {
    this.bootstrap = bootstrap;
    this.process = process;
  }

  static VerifyBroker external(String bootstrap) {
    return new VerifyBroker(bootstrap, null);
  }

  static VerifyBroker embedded(Path dataDir) {
    BrokerProcess process =
        BrokerProcess.start(BrokerConfig.onFreePorts(dataDir).withDefaultPartitions(2));
    return new VerifyBroker(process.bootstrapServers(), process);
  }

  String bootstrap() {
    return bootstrap;
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
   * duplicate shows.
   */
  void createTopics(VerifySetup setup) throws Exception {
    List<NewTopic> topics = new ArrayList<>();
    topics.add(new NewTopic(setup.inputTopic(), Optional.of(2), Optional.empty()));
    topics.add(new NewTopic(setup.deadLetterTopic(), Optional.of(1), Optional.empty()));
    topics.add(new NewTopic(setup.lateTopic(), Optional.of(1), Optional.empty()));
    topics.add(new NewTopic(setup.outputTopic(), Optional.of(1), Optional.empty()));
    try (Admin admin = Admin.create(setup.kafkaClient())) {
      admin.createTopics(topics).all().get();
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }
}
