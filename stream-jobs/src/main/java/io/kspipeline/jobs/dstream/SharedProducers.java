package io.kspipeline.jobs.dstream;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka producers shared by every task of a JVM (an executor, or the driver in local mode), one per
 * client configuration. DStream tasks deserialize their closures afresh in every batch, so a
 * producer held by a closure would connect again for each partition of each batch.
 *
 * <p>The producers are never closed. Every output waits for its own sends before it returns ({@link
 * KafkaSends#await}), so between outputs a producer holds nothing undelivered, and its I/O thread
 * is a daemon that does not keep the JVM alive. A shutdown hook closing them could instead race the
 * last batch of a graceful stop, which runs in Spark's own shutdown hook.
 */
final class SharedProducers {
  private static final SharedProducers JVM = new SharedProducers(SharedProducers::connect);

  private final Function<Map<String, String>, Producer<byte[], byte[]>> factory;
  private final Map<Map<String, String>, Producer<byte[], byte[]>> producers =
      new ConcurrentHashMap<>();

  SharedProducers(Function<Map<String, String>, Producer<byte[], byte[]>> factory) {
    this.factory = factory;
  }

  /** This JVM's producer for the client properties (bootstrap servers included). */
  static Producer<byte[], byte[]> of(Map<String, String> clientProperties) {
    return JVM.get(clientProperties);
  }

  /** The producer of equal client properties, whatever the map's type or order; made once. */
  Producer<byte[], byte[]> get(Map<String, String> clientProperties) {
    return producers.computeIfAbsent(Map.copyOf(clientProperties), factory);
  }

  private static Producer<byte[], byte[]> connect(Map<String, String> clientProperties) {
    Map<String, Object> config = new HashMap<>(clientProperties);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(config);
  }
}
