package io.kspipeline.jobs.dstream;

import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.divert.RefusedRows;
import io.kspipeline.jobs.jdbc.RefusedRow;
import io.kspipeline.schemas.avro.DeadLetter;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DStream job's dead letters, sent as part of its batch's output pass: the batch's rejected
 * records go from the executors to the dead-letter topic through each JVM's shared producer, in the
 * same Spark job as the results, before the offsets commit that follows the outputs.
 *
 * <p>Not in the decode step: a restarted job rebuilds state that was not checkpointed yet
 * (updateStateByKey, windows) by recomputing old batches from their lineage, which would send their
 * dead letters again. Dead letters are still at least once: a retried task, or a batch replayed
 * after a crash, sends them again.
 */
public final class DeadLettering implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLettering.class);

  private final String stage;
  private final String topic;
  private final HashMap<String, String> registryConfig;
  private final LinkedHashMap<String, String> kafka;

  /**
   * @param stage the job, as dead letters name the stage that rejected them
   * @param topic the dead-letter topic
   */
  public DeadLettering(
      String stage,
      String topic,
      Map<String, String> registryConfig,
      Map<String, String> kafkaClient) {
    this.stage = stage;
    this.topic = topic;
    this.registryConfig = new HashMap<>(registryConfig);
    this.kafka = new LinkedHashMap<>(kafkaClient);
  }

  /**
   * The part of a batch's output pass (made on the driver, not yet run) that sends the rejected
   * records of {@code records} and returns their count, one per partition.
   */
  <T> JavaRDD<Returned<T>> sending(JavaRDD<KeyedRecord> records) {
    DeadLetterRecords letters =
        new DeadLetterRecords(
            stage,
            topic,
            RecordValues.of(OutputFormat.avro, DeadLetter.getClassSchema(), topic, registryConfig));
    LinkedHashMap<String, String> client = kafka;
    return records.mapPartitions(
        part ->
            List.of(
                    Returned.<T>deadLetters(
                        sendRejected(part, letters, SharedProducers.of(client))))
                .iterator());
  }

  /**
   * Sends result rows a table refused as dead letters (from the driver, awaited): the row as JSON
   * for payload, {@code table <name>} for location, the database's reason for error.
   */
  void sendRefused(Time batch, List<RefusedRow> refused) {
    RecordValues values =
        RecordValues.of(OutputFormat.avro, DeadLetter.getClassSchema(), topic, registryConfig);
    KafkaSends sends = new KafkaSends(SharedProducers.of(kafka));
    for (RefusedRow row : refused) {
      DeadLetter letter =
          new DeadLetter(
              null,
              null,
              null,
              "table " + row.table(),
              null,
              stage + " table",
              RefusedRows.ERROR_CLASS,
              row.reason(),
              ByteBuffer.wrap(row.row().json().getBytes(StandardCharsets.UTF_8)));
      sends.send(new ProducerRecord<>(topic, null, values.encode(letter)));
    }
    sends.await();
    LOG.warn(
        "{} batch {}: {} row(s) refused by table {}, dead-lettered to {}; first: {}",
        stage,
        batch.milliseconds(),
        refused.size(),
        refused.get(0).table(),
        topic,
        refused.get(0).reason());
  }

  /** Logs how many records of the batch were dead-lettered, if any. */
  void log(Time batch, long count) {
    if (count > 0) {
      LOG.warn(
          "{} batch {}: {} record(s) dead-lettered to {}",
          stage,
          batch.milliseconds(),
          count,
          topic);
    }
  }

  /** One partition: its rejected records sent, then awaited; returns how many. */
  static long sendRejected(
      Iterator<KeyedRecord> records, DeadLetterRecords letters, Producer<byte[], byte[]> producer) {
    KafkaSends sends = new KafkaSends(producer);
    while (records.hasNext()) {
      KeyedRecord record = records.next();
      if (record.isRejected()) {
        sends.send(letters.of(record));
      }
    }
    return sends.await();
  }

  /**
   * Rejected records as the dead-letter topic holds them: the original key, and a DeadLetter with
   * the provenance, the stage, the error and the original bytes — the fields and key the Structured
   * jobs' dead letters ({@link io.kspipeline.jobs.common.DeadLetters}) have.
   */
  record DeadLetterRecords(String stage, String topic, RecordValues values)
      implements Serializable {
    ProducerRecord<byte[], byte[]> of(KeyedRecord rejected) {
      SourceRecord source = rejected.source();
      DeadLetter letter =
          new DeadLetter(
              source.topic(),
              source.partition(),
              source.offset(),
              null,
              source.timestamp() < 0 ? null : Instant.ofEpochMilli(source.timestamp()),
              stage,
              rejected.errorClass(),
              rejected.error(),
              // A tombstone has no bytes; DeadLetter's payload is not nullable.
              ByteBuffer.wrap(source.value() == null ? new byte[0] : source.value()));
      return new ProducerRecord<>(topic, source.key(), values.encode(letter));
    }
  }
}
