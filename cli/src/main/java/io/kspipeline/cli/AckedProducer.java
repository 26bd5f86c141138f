package io.kspipeline.cli;

import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends events keyed by their id with an idempotent producer (acks=all, retries until a generous
 * delivery timeout, so a bounced broker delays sends rather than failing them) and remembers which
 * ids the broker acknowledged.
 */
final class AckedProducer implements AutoCloseable {
  private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(5);

  private final KafkaProducer<byte[], byte[]> producer;
  private final ConfluentAvroSerializer<SpecificRecord> serializer;
  private final String topic;
  private final Set<String> acked = ConcurrentHashMap.newKeySet();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  AckedProducer(Map<String, Object> client, String registry, String topic) {
    this.topic = topic;
    this.serializer = new ConfluentAvroSerializer<>(SchemaRegistries.connect(registry), true);
    Map<String, Object> config = new HashMap<>(client);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
    config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, DELIVERY_TIMEOUT.toMillis());
    this.producer =
        new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Sends without waiting; acknowledgements arrive later. */
  void send(List<VerifyEvents.Event> events) {
    for (VerifyEvents.Event event : events) {
      producer.send(
          new ProducerRecord<>(
              topic,
              event.id().getBytes(StandardCharsets.UTF_8),
              event.value() != null
                  ? serializer.serialize(topic, event.value())
                  : event.text().getBytes(StandardCharsets.UTF_8)),
          (metadata, error) -> {
            if (error == null) {
              acked.add(event.id());
            } else {
              failure.compareAndSet(null, error);
            }
          });
    }
  }

  /** Waits for every send so far; fails when one was not acknowledged. */
  void flush() {
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException("a send was not acknowledged", failure.get());
    }
  }

  int ackedCount() {
    return acked.size();
  }

  Set<String> acked() {
    return Set.copyOf(acked);
  }

  @Override
  public void close() {
    producer.close();
  }
}
