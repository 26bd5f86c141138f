package io.kspipeline.producer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends records asynchronously and keeps count of what the broker acknowledged and what failed
 * after the producer's own retries; {@link #close()} waits for every outstanding send.
 */
public final class RecordPublisher<K, V> implements AutoCloseable {
  private final Producer<K, V> producer;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public RecordPublisher(Producer<K, V> producer) {
    this.producer = producer;
  }

  public void send(String topic, K key, V value) {
    sent.incrementAndGet();
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, error) -> {
          if (error == null) {
            acknowledged.incrementAndGet();
          } else {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, error);
          }
        });
  }

  public void flush() {
    producer.flush();
  }

  public long sent() {
    return sent.get();
  }

  public long acknowledged() {
    return acknowledged.get();
  }

  public long failed() {
    return failed.get();
  }

  /** The first send that failed for good, or null. */
  public Exception firstFailure() {
    return firstFailure.get();
  }

  @Override
  public void close() {
    producer.flush();
    producer.close();
  }
}
