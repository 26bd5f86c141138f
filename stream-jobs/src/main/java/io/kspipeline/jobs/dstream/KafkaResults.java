package io.kspipeline.jobs.dstream;

import io.kspipeline.jobs.common.exactlyonce.TransactionalKafkaWriter;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaRDDLike;
import org.apache.spark.streaming.Time;
import scala.Tuple2;

/**
 * DStream results written to Kafka where they are computed. At least once: each task sends its
 * partition's records through its JVM's shared producer and waits for them. Exactly once: each
 * writer's share goes in one transaction with the batch's marker ({@link #sendingOnce}). When the
 * batch's Spark job returns, its records are in Kafka; otherwise the job, and the batch, failed.
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

  /**
   * The pass (not yet run) that writes every result exactly once: the results go to the writers
   * their Kafka keys name (a shuffle, so a replayed batch gives each writer the same share), and
   * each writer's share is one transaction with the batch's marker ({@link
   * TransactionalKafkaWriter}); the batch time is the batch id.
   *
   * @param run what the batch times count within: the job
   * @param keep whether the results return to the driver too (a table, the console)
   */
  static <T> JavaRDD<Returned<T>> sendingOnce(
      JavaRDDLike<T, ?> results,
      TransactionalKafkaWriter writer,
      String run,
      Time batch,
      ToRecord<T> record,
      boolean keep) {
    long batchTime = batch.milliseconds();
    return results
        .mapToPair(
            t -> {
              ProducerRecord<byte[], byte[]> r = record.of(t);
              return new Tuple2<>(
                  writer.writerOf(r.key()),
                  new Encoded<>(r.topic(), r.key(), r.value(), keep ? t : null));
            })
        .partitionBy(new HashPartitioner(writer.writers()))
        .values()
        .mapPartitionsWithIndex(
            (index, share) -> writeShare(writer, run, batchTime, index, share, keep).iterator(),
            true);
  }

  /** A result encoded on the map side of the shuffle to its writer (with it when kept). */
  record Encoded<T>(String topic, byte[] key, byte[] value, T result) implements Serializable {
    ProducerRecord<byte[], byte[]> record() {
      return new ProducerRecord<>(topic, key, value);
    }
  }

  /** One writer's share: written (or skipped as written before); its results when kept. */
  static <T> List<Returned<T>> writeShare(
      TransactionalKafkaWriter writer,
      String run,
      long batchTime,
      int index,
      Iterator<Encoded<T>> share,
      boolean keep) {
    List<Returned<T>> kept = new ArrayList<>();
    Iterator<ProducerRecord<byte[], byte[]>> records =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            return share.hasNext();
          }

          @Override
          public ProducerRecord<byte[], byte[]> next() {
            Encoded<T> encoded = share.next();
            if (keep) {
              kept.add(Returned.result(encoded.result()));
            }
            return encoded.record();
          }
        };
    writer.write(index, run, batchTime, records);
    // A share written before still brings its results to the driver.
    while (records.hasNext()) {
      records.next();
    }
    return kept;
  }

  /**
   * Writes records the driver holds exactly once (a slide's ranking), each writer's share from the
   * driver: there are few, and they are on the driver already.
   */
  static void sendOnceFromDriver(
      TransactionalKafkaWriter writer,
      String run,
      Time batch,
      List<ProducerRecord<byte[], byte[]>> records) {
    Map<Integer, List<ProducerRecord<byte[], byte[]>>> shares = new TreeMap<>();
    for (ProducerRecord<byte[], byte[]> r : records) {
      shares.computeIfAbsent(writer.writerOf(r.key()), i -> new ArrayList<>()).add(r);
    }
    shares.forEach(
        (index, share) -> writer.write(index, run, batch.milliseconds(), share.iterator()));
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
