package io.kspipeline.jobs.dstream;

import java.io.Serializable;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A Kafka record as DStream jobs keep it: Kafka's ConsumerRecord is not serializable, so windows,
 * caches and checkpoints hold this copy instead.
 *
 * @param partition -1 and offset -1 for records that do not come from Kafka (a socket)
 */
public record SourceRecord(
    String topic, int partition, long offset, long timestamp, byte[] key, byte[] value)
    implements Serializable {

  public static SourceRecord of(ConsumerRecord<byte[], byte[]> r) {
    return new SourceRecord(
        r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value());
  }

  /** Where the record came from, {@code topic/partition/offset}: a key that identifies it. */
  public String coordinates() {
    return topic + "/" + partition + "/" + offset;
  }
}
