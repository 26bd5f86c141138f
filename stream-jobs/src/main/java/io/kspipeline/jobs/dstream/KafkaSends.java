package io.kspipeline.jobs.dstream;

import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;

/**
 * The sends of one output step (a task's partition, or records the driver holds) through a shared
 * producer, and their outcome. A batch's offsets are committed after its outputs, so an output must
 * not return while its records are in flight, nor when one of them failed: {@link #await} is what
 * each step ends with.
 */
final class KafkaSends {
  private final Producer<byte[], byte[]> producer;
  private final AtomicReference<KafkaException> failure = new AtomicReference<>();
  private long sent;

  KafkaSends(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  void send(ProducerRecord<byte[], byte[]> record) {
    producer.send(
        record,
        (metadata, error) -> {
          if (error != null) {
            failure.compareAndSet(
                null, new KafkaException("a record to " + record.topic() + " was not sent", error));
          }
        });
    sent++;
  }

  /**
   * Waits until every record sent here is acknowledged (flushing the shared producer, which also
   * waits for other tasks' records) and fails with the first error.
   *
   * @return how many records were sent
   */
  long await() {
    if (sent > 0) {
      // The producer completes callbacks before flush() returns, so failure is final here.
      producer.flush();
    }
    KafkaException error = failure.get();
    if (error != null) {
      throw error;
    }
    return sent;
  }
}
