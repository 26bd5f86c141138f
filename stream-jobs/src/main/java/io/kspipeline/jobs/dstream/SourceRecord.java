package io.kspipeline.jobs.dstream;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A Kafka record as DStream jobs keep it: Kafka's ConsumerRecord is not serializable, so windows,
 * caches and checkpoints hold this copy instead. Records that do not come from Kafka have partition
 * -1: a socket's line offset -1; a file's line its line number, with {@code topic} naming where it
 * was ({@code file:line}), as the Structured jobs' file lines have it.
 */
public record SourceRecord(
    String topic, int partition, long offset, long timestamp, byte[] key, byte[] value)
    implements Serializable {

  public static SourceRecord of(ConsumerRecord<byte[], byte[]> r) {
    return new SourceRecord(
        r.topic(), r.partition(), r.offset(), r.timestamp(), r.key(), r.value());
  }

  /** A line of a file: {@code number} counts from 1. */
  public static SourceRecord ofFileLine(String file, long number, String line) {
    return new SourceRecord(
        file + ":" + number, -1, number, -1, null, line.getBytes(StandardCharsets.UTF_8));
  }

  /** Where the record came from, {@code topic/partition/offset}: a key that identifies it. */
  public String coordinates() {
    return topic + "/" + partition + "/" + offset;
  }
}
