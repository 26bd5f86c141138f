package io.kspipeline.jobs.dstream;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaRDDLike;

/**
 * DStream results written to Kafka where they are computed: each task sends its partition's records
 * through its JVM's shared producer and waits for them. When the batch's Spark job returns, its
 * records are in Kafka; otherwise the job, and the batch, failed.
 */
public final class KafkaResults {
  /** A result as the Kafka record it is written as. */
  @FunctionalInterface
  public interface ToRecord<T> extends Serializable {
    ProducerRecord<byte[], byte[]> of(T result) throws Exception;
  }

  private KafkaResults() {}

  /**
   * The pass (not yet run) that sends every result.
   *
   * @param keep whether the results return to the driver too (a table, the console)
   */
  static <T> JavaRDD<Returned<T>> sending(
      JavaRDDLike<T, ?> results, Map<String, String> kafka, ToRecord<T> record, boolean keep) {
    LinkedHashMap<String, String> client = new LinkedHashMap<>(kafka);
    return results.mapPartitions(
        part ->
            sendAll(part, SharedProducers.of(client), record, keep).stream()
                .map(Returned::result)
                .iterator());
  }

  /** Sends records from the driver (results it already holds) and waits for them. */
  static void sendFromDriver(
      Map<String, String> kafka, List<ProducerRecord<byte[], byte[]>> records) {
    KafkaSends sends = new KafkaSends(SharedProducers.of(kafka));
    records.forEach(sends::send);
    sends.await();
  }

  /**
   * One partition: each result sent, then all of them awaited.
   *
   * @return the results when {@code keep}, else none
   */
  static <T> List<T> sendAll(
      Iterator<T> results, Producer<byte[], byte[]> producer, ToRecord<T> record, boolean keep)
      throws Exception {
    KafkaSends sends = new KafkaSends(producer);
    List<T> kept = new ArrayList<>();
    while (results.hasNext()) {
      T result = results.next();
      sends.send(record.of(result));
      if (keep) {
        kept.add(result);
      }
    }
    sends.await();
    return kept;
  }

  /** A string key or value as the Structured Kafka sink writes it: UTF-8, null kept null. */
  static byte[] utf8(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }
}
