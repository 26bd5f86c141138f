package io.kspipeline.testsupport;

import io.kspipeline.embedded.BrokerConfig;
import io.kspipeline.embedded.BrokerProcess;
import io.kspipeline.embedded.EmbeddedKafkaBroker;
import io.kspipeline.embedded.SaslSslListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker for a test: the {@code apache/kafka} container when a Docker engine answers,
 * otherwise a KRaft broker inside the test JVM, or in a JVM of its own when the test must kill it.
 * Choose explicitly with {@code -Dpipeline.test.kafka=container|embedded|process} or the
 * environment variable {@code PIPELINE_TEST_KAFKA}.
 */
public final class KafkaHarness implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaHarness.class);
  static final String KAFKA_IMAGE = "apache/kafka:3.9.1";

  /** Where the broker runs. */
  public enum Mode {
    AUTO,
    CONTAINER,
    EMBEDDED,
    PROCESS
  }

  private final String bootstrapServers;
  private final AutoCloseable broker;
  private final Path workDir;
  private final SaslSslEndpoint saslSsl;
  private Admin admin;

  private KafkaHarness(String bootstrapServers, AutoCloseable broker, Path workDir) {
    this(bootstrapServers, broker, workDir, null);
  }

  private KafkaHarness(
      String bootstrapServers, AutoCloseable broker, Path workDir, SaslSslEndpoint saslSsl) {
    this.bootstrapServers = bootstrapServers;
    this.broker = broker;
    this.workDir = workDir;
    this.saslSsl = saslSsl;
  }

  /** Starts a broker in the mode chosen by the system property or environment (default auto). */
  public static KafkaHarness start() {
    String chosen = System.getProperty("pipeline.test.kafka", System.getenv("PIPELINE_TEST_KAFKA"));
    Mode mode = chosen == null ? Mode.AUTO : Mode.valueOf(chosen.toUpperCase(Locale.ROOT));
    return start(mode);
  }

  public static KafkaHarness start(Mode mode) {
    long started = System.nanoTime();
    KafkaHarness harness =
        switch (mode) {
          case AUTO ->
              DockerClientFactory.instance().isDockerAvailable()
                  ? startContainer()
                  : startEmbedded();
          case CONTAINER -> startContainer();
          case EMBEDDED -> startEmbedded();
          case PROCESS -> startProcess();
        };
    LOG.info(
        "Kafka ({}) ready at {} after {} ms",
        harness.broker.getClass().getSimpleName(),
        harness.bootstrapServers,
        (System.nanoTime() - started) / 1_000_000);
    return harness;
  }

  private static KafkaHarness startContainer() {
    KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
    container.start();
    return new KafkaHarness(container.getBootstrapServers(), container, null);
  }

  private static KafkaHarness startEmbedded() {
    Path dir = tempDir();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(BrokerConfig.onFreePorts(dir));
    return new KafkaHarness(broker.bootstrapServers(), broker, dir);
  }

  /**
   * A broker in this JVM that also serves SASL_SSL with SCRAM-SHA-512 for {@code scramUsers} (name
   * to password), its TLS material generated afresh. {@link #bootstrapServers()} and the helpers
   * (admin, produce, read) stay on the PLAINTEXT listener; clients under test use {@link
   * #saslSsl()}.
   */
  public static KafkaHarness startSaslSsl(Map<String, String> scramUsers) {
    long started = System.nanoTime();
    Path dir = tempDir();
    String storePassword = "store-" + Uuid.randomUuid();
    TlsMaterial tls = TlsMaterial.generate(dir.resolve("tls"), storePassword);
    SaslSslListener listener =
        SaslSslListener.onFreePort(tls.keystore(), storePassword, scramUsers);
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(
            BrokerConfig.onFreePorts(dir.resolve("broker")).withSaslSsl(listener));
    SaslSslEndpoint endpoint =
        new SaslSslEndpoint(listener.bootstrapServers(), tls.truststore(), storePassword);
    LOG.info(
        "Kafka with SASL_SSL at {} ready after {} ms",
        endpoint.bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000);
    return new KafkaHarness(broker.bootstrapServers(), broker, dir, endpoint);
  }

  private static KafkaHarness startProcess() {
    Path dir = tempDir();
    BrokerProcess broker = BrokerProcess.start(BrokerConfig.onFreePorts(dir));
    return new KafkaHarness(broker.bootstrapServers(), broker, dir);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The SASL_SSL listener; only for a harness from {@link #startSaslSsl}. */
  public SaslSslEndpoint saslSsl() {
    if (saslSsl == null) {
      throw new IllegalStateException("this broker has no SASL_SSL listener");
    }
    return saslSsl;
  }

  /** The broker JVM, for tests that kill and restart it; only in {@link Mode#PROCESS}. */
  public BrokerProcess brokerProcess() {
    if (broker instanceof BrokerProcess process) {
      return process;
    }
    throw new IllegalStateException("the broker runs in mode " + broker.getClass().getSimpleName());
  }

  public synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
    return admin;
  }

  public void createTopic(String topic, int partitions) {
    createTopic(topic, partitions, Map.of());
  }

  /**
   * Creates a topic (replication 1) and returns once its leaders are known; an existing one is
   * kept.
   */
  public void createTopic(String topic, int partitions, Map<String, String> configs) {
    try {
      admin()
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
          .all()
          .get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Properties producerProperties() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return p;
  }

  /** Sends the values (no key) and returns once every one is acknowledged. */
  public void produceValues(String topic, Collection<String> values) {
    produce(topic, values, new KafkaProducer<>(producerProperties()));
  }

  /**
   * Sends raw values (no key; a null value is a tombstone), such as framed Avro beside bytes that
   * are not, and returns once every one is acknowledged.
   */
  public void produceBytes(String topic, Collection<byte[]> values) {
    Properties p = producerProperties();
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    produce(topic, values, new KafkaProducer<>(p));
  }

  private static <V> void produce(
      String topic, Collection<V> values, KafkaProducer<String, V> unclosed) {
    try (KafkaProducer<String, V> producer = unclosed) {
      List<Future<?>> acks = new ArrayList<>();
      for (V value : values) {
        acks.add(producer.send(new ProducerRecord<>(topic, value)));
      }
      for (var ack : acks) {
        ack.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("send to " + topic + " failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every record in the topic up to its end offsets at the time of the call, partition by
   * partition.
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .collect(Collectors.toList());
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end offsets " + end);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
    try {
      broker.close();
    } catch (Exception e) {
      LOG.warn("broker did not close cleanly", e);
    }
    if (workDir != null) {
      TempDirs.deleteRecursively(workDir);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("kafka-harness-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
