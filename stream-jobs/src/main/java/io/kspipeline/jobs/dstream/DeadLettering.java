package io.kspipeline.jobs.dstream;

import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.divert.DeadLetterRows;
import io.kspipeline.jobs.common.divert.Destination;
import io.kspipeline.jobs.common.divert.DivertedRecords;
import io.kspipeline.jobs.common.divert.RefusedRows;
import io.kspipeline.jobs.jdbc.RefusedRow;
import io.kspipeline.schemas.avro.DeadLetter;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DStream job's dead letters, written where {@code --dead-letters} says. To a topic they go as
 * part of the batch's output pass: the batch's rejected records go from the executors to the
 * dead-letter topic through each JVM's shared producer, in the same Spark job as the results,
 * before the offsets commit that follows the outputs. To a file or the console they go as the
 * Structured jobs write them ({@link DivertedRecords}), by an output of their own that runs before
 * the results' ({@link #writeOutsideKafka}); a file destination gets {@code batch=<batch time>}.
 *
 * <p>Not in the decode step: a restarted job rebuilds state that was not checkpointed yet
 * (updateStateByKey, windows) by recomputing old batches from their lineage, which would write
 * their dead letters again. Dead letters are still at least once: a retried task, or a batch
 * replayed after a crash, sends them again (a file destination's batch directory is replaced).
 */
public final class DeadLettering implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(DeadLettering.class);

  private final String stage;
  private final Destination destination;
  private final HashMap<String, String> registryConfig;
  private final LinkedHashMap<String, String> kafka;

  /**
   * @param stage the job, as dead letters name the stage that rejected them
   */
  public DeadLettering(
      String stage,
      Destination destination,
      Map<String, String> registryConfig,
      Map<String, String> kafkaClient) {
    this.stage = stage;
    this.destination = destination;
    this.registryConfig = new HashMap<>(registryConfig);
    this.kafka = new LinkedHashMap<>(kafkaClient);
  }

  /**
   * Registers the output that writes each batch's rejected records to a file or the console: a
   * Spark job of its own, run before the outputs registered after it. None for a topic, whose dead
   * letters go in the output pass ({@link #inOutputPass}).
   */
  void writeOutsideKafka(JavaDStream<KeyedRecord> records) {
    if (destination.usesKafka()) {
      return;
    }
    DivertedRecords letters = DivertedRecords.deadLetters(destination, stage, registryConfig);
    records.foreachRDD(
        (batch, time) ->
            letters.write(
                SparkSession.builder()
                    .getOrCreate()
                    .createDataFrame(
                        batch.filter(KeyedRecord::isRejected).map(DeadLettering::row),
                        DeadLetterRows.SHAPE),
                time.milliseconds(),
                stage,
                kafka));
  }

  /**
   * The dead letters' part of a batch's output pass (made on the driver, not yet run): for a topic
   * it sends the rejected records of {@code records}; for a file or the console they were written
   * by {@link #writeOutsideKafka}. Returns their count, one per partition.
   */
  <T> JavaRDD<Returned<T>> inOutputPass(JavaRDD<KeyedRecord> records) {
    if (!(destination instanceof Destination.Topic topic)) {
      return records.mapPartitions(
          part -> List.of(Returned.<T>deadLetters(countRejected(part))).iterator());
    }
    DeadLetterRecords letters =
        new DeadLetterRecords(
            stage,
            topic.name(),
            RecordValues.of(
                OutputFormat.avro, DeadLetter.getClassSchema(), topic.name(), registryConfig));
    LinkedHashMap<String, String> client = kafka;
    return records.mapPartitions(
        part ->
            List.of(
                    Returned.<T>deadLetters(
                        sendRejected(part, letters, SharedProducers.of(client))))
                .iterator());
  }

  /**
   * Sends result rows a table refused to the dead letters (from the driver, awaited): the row as
   * JSON for payload, {@code table <name>} for location, the database's reason for error.
   */
  void divertRefused(Time batch, List<RefusedRow> refused) {
    String tableStage = stage + " table";
    if (destination instanceof Destination.Topic topic) {
      sendRefused(topic.name(), tableStage, refused);
    } else {
      DivertedRecords.deadLetters(destination, tableStage, registryConfig)
          .add(
              RefusedRows.asDeadLetterRows(SparkSession.builder().getOrCreate(), refused),
              batch.milliseconds(),
              stage,
              kafka);
    }
    LOG.warn(
        "{} batch {}: {} row(s) refused by table {}, dead-lettered to {}; first: {}",
        stage,
        batch.milliseconds(),
        refused.size(),
        refused.get(0).table(),
        destination,
        refused.get(0).reason());
  }

  private void sendRefused(String topic, String tableStage, List<RefusedRow> refused) {
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
              tableStage,
              RefusedRows.ERROR_CLASS,
              row.reason(),
              ByteBuffer.wrap(row.row().json().getBytes(StandardCharsets.UTF_8)));
      sends.send(new ProducerRecord<>(topic, null, values.encode(letter)));
    }
    sends.await();
  }

  /** Logs how many records of the batch were dead-lettered, if any. */
  void log(Time batch, long count) {
    DStreamBatchListener.deadLettered(stage, batch, count);
    // A file or the console has said so already, naming the batch's directory.
    if (count > 0 && destination.usesKafka()) {
      LOG.warn(
          "{} batch {}: {} record(s) dead-lettered to {}",
          stage,
          batch.milliseconds(),
          count,
          destination);
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

  private static long countRejected(Iterator<KeyedRecord> records) {
    long count = 0;
    while (records.hasNext()) {
      if (records.next().isRejected()) {
        count++;
      }
    }
    return count;
  }

  /** A rejected record as {@link DivertedRecords#deadLetters} takes it. */
  private static Row row(KeyedRecord rejected) {
    SourceRecord source = rejected.source();
    return DeadLetterRows.of(
        source.key(),
        source.value(),
        source.topic(),
        source.partition(),
        source.offset(),
        source.timestamp() < 0 ? null : new Timestamp(source.timestamp()),
        rejected.errorClass(),
        rejected.error());
  }

  /**
   * Rejected records as the dead-letter topic holds them: the original key, and a DeadLetter with
   * the provenance, the stage, the error and the original bytes — the fields and key the Structured
   * jobs' dead letters ({@link io.kspipeline.jobs.common.DeadLetters}) have. A line of a file names
   * where it was ({@code file:line}) instead of a topic, partition and offset.
   */
  record DeadLetterRecords(String stage, String topic, RecordValues values)
      implements Serializable {
    ProducerRecord<byte[], byte[]> of(KeyedRecord rejected) {
      SourceRecord source = rejected.source();
      boolean fromKafka = source.partition() >= 0;
      DeadLetter letter =
          new DeadLetter(
              fromKafka ? source.topic() : null,
              fromKafka ? source.partition() : null,
              fromKafka ? source.offset() : null,
              fromKafka ? null : source.topic(),
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
