package io.kspipeline.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (KRaft, broker and controller in one node) running inside this JVM. Its
 * storage is formatted on first start and reused afterwards, so a broker restarted on the same
 * directory keeps its topics and offsets.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

  private final BrokerConfig config;
  private final KafkaRaftServer server;
  private boolean closed;

  private EmbeddedKafkaBroker(BrokerConfig config, KafkaRaftServer server) {
    this.config = config;
    this.server = server;
  }

  /** Formats the storage if needed and starts the broker; returns once it accepts connections. */
  public static EmbeddedKafkaBroker start(BrokerConfig config) {
    long started = System.nanoTime();
    Properties props = config.serverProperties();
    formatStorageIfNeeded(config, props);
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(config, server);
    try {
      server.startup();
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    LOG.info(
        "Kafka broker up at {} in {} ms (data in {})",
        config.bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000,
        config.dataDir());
    return broker;
  }

  public String bootstrapServers() {
    return config.bootstrapServers();
  }

  /** The SASL_SSL listener's address; only with {@link BrokerConfig#withSaslSsl}. */
  public String saslSslBootstrapServers() {
    if (config.saslSsl() == null) {
      throw new IllegalStateException("the broker has no SASL_SSL listener");
    }
    return config.saslSsl().bootstrapServers();
  }

  public BrokerConfig config() {
    return config;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
  }

  /** Writes server.properties into the data dir and runs Kafka's storage format once. */
  static void formatStorageIfNeeded(BrokerConfig config, Properties props) {
    try {
      Files.createDirectories(config.dataDir());
      if (Files.exists(config.logDir().resolve("meta.properties"))) {
        return;
      }
      Path propsFile = config.dataDir().resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(propsFile)) {
        props.store(out, "embedded KRaft broker");
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      List<String> args =
          new ArrayList<>(
              List.of(
                  "format",
                  "-t",
                  config.member() != null
                      ? config.member().clusterId()
                      : Uuid.randomUuid().toString(),
                  "-c",
                  propsFile.toString(),
                  "--ignore-formatted"));
      if (config.saslSsl() != null) {
        args.addAll(List.of(config.saslSsl().scramFormatArguments()));
      }
      int exit;
      try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        exit = StorageTool.execute(args.toArray(String[]::new), print);
      }
      if (exit != 0) {
        throw new IllegalStateException(
            "kafka storage format failed (exit "
                + exit
                + "): "
                + output.toString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare broker storage in " + config.dataDir(), e);
    }
  }
}
