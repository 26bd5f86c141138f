package io.kspipeline.jobs.common.exactlyonce;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One writer's Kafka clients in this JVM: its transactional producer, initialised once (which
 * fences the writer's earlier instances and aborts a transaction they left open), and the
 * read_committed consumer of its markers. Tasks deserialize their closures afresh each batch, so
 * the clients live here, one per transactional id and client configuration, for the JVM's life.
 *
 * <p>The clients also remember the marker they last committed or read (see {@link
 * TransactionalKafkaWriter#write} for when that memory is trusted).
 *
 * <p>Callers hold the instance's lock while they use it: a producer has one transaction at a time.
 */
final class WriterClients {
  private static final Map<Key, WriterClients> JVM = new ConcurrentHashMap<>();

  private record Key(String transactionalId, Map<String, String> client) {}

  private final Producer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> markerConsumer;
  private final MarkerLog markers;
  // Null while unknown; empty when the writer has never committed.
  private Optional<BatchMarker> lastCommitted;

  private WriterClients(String transactionalId, Map<String, String> client, Duration timeout) {
    Map<String, Object> producerConfig = new HashMap<>(client);
    producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    this.producer =
        new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    Map<String, Object> consumerConfig = new HashMap<>(client);
    consumerConfig.keySet().removeIf(k -> k.startsWith("transaction") || k.equals("acks"));
    consumerConfig.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
    // A missing marker topic is an error to report, not one to create with the broker's defaults.
    consumerConfig.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    this.markerConsumer =
        new KafkaConsumer<>(
            consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.markers = new MarkerLog(markerConsumer, timeout);
    try {
      producer.initTransactions();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * This JVM's clients of the writer, made (and the producer initialised) when there are none, or
   * afresh when {@code fence}: a retried task fences whatever attempt of it may still be writing.
   */
  static WriterClients of(
      String transactionalId, Map<String, String> client, Duration timeout, boolean fence) {
    Key key = new Key(transactionalId, Map.copyOf(client));
    if (fence) {
      WriterClients old = JVM.remove(key);
      if (old != null) {
        synchronized (old) {
          old.close();
        }
      }
    }
    return JVM.computeIfAbsent(key, k -> new WriterClients(transactionalId, client, timeout));
  }

  /** Forgets and closes these clients (their producer is fenced or in an unusable state). */
  void discard(String transactionalId, Map<String, String> client) {
    JVM.remove(new Key(transactionalId, Map.copyOf(client)), this);
    close();
  }

  Producer<byte[], byte[]> producer() {
    return producer;
  }

  /** The marker these clients committed or read last; null while they know none. */
  Optional<BatchMarker> rememberedMarker() {
    return lastCommitted;
  }

  /** Reads the writer's last committed marker from the marker topic, and remembers it. */
  Optional<BatchMarker> readLastMarker(String markerTopic, int writer, String transactionalId) {
    lastCommitted = markers.last(markerTopic, writer, transactionalId);
    return lastCommitted;
  }

  /** {@code marker} is committed: it is the writer's last. */
  void committed(BatchMarker marker) {
    lastCommitted = Optional.of(marker);
  }

  /** A transaction failed in a way that leaves its outcome unknown: read the topic next time. */
  void forgetLastMarker() {
    lastCommitted = null;
  }

  private void close() {
    try {
      producer.close(Duration.ZERO);
    } finally {
      markerConsumer.close(Duration.ZERO);
    }
  }
}
