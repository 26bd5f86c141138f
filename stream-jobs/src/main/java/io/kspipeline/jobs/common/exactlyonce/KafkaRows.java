package io.kspipeline.jobs.common.exactlyonce;

import java.util.Iterator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.Row;

/**
 * Rows of {@code key, value} (binary) as the records to one topic, partitioned by Kafka's default
 * partitioner as Spark's Kafka writer leaves them.
 */
final class KafkaRows implements Iterator<ProducerRecord<byte[], byte[]>> {
  private final String topic;
  private final Iterator<Row> rows;

  KafkaRows(String topic, Iterator<Row> rows) {
    this.topic = topic;
    this.rows = rows;
  }

  @Override
  public boolean hasNext() {
    return rows.hasNext();
  }

  @Override
  public ProducerRecord<byte[], byte[]> next() {
    Row row = rows.next();
    return new ProducerRecord<>(topic, (byte[]) row.get(0), (byte[]) row.get(1));
  }
}
