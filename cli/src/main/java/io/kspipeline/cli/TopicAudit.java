package io.kspipeline.cli;

import io.kspipeline.jobs.common.exactlyonce.TransactionalKafkaWriter;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic back, as a read_committed consumer sees it, to check it against the truth.
 */
final class TopicAudit {
  private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

  /**
   * What the output topic holds compared with the expected counts.
   *
   * @param stated the counts the topic states, as its job's {@link OutputReading} reads it
   */
  record OutputCheck(long records, long missing, long rawDuplicates, Map<String, Long> stated) {}

  private final Map<String, Object> client;

  TopicAudit(Map<String, Object> client) {
    this.client = client;
  }

  /** How often each key occurs in the topic. */
  Map<String, Long> keyCounts(String topic) {
    Map<String, Long> counts = new TreeMap<>();
    readAll(topic, r -> counts.merge(key(r), 1L, Long::sum));
    return counts;
  }

  /**
   * The output topic against the expected counts. A raw duplicate is a record whose key and value
   * (and batch header, which exactly-once outputs write) equal an earlier record's: a replayed
   * batch written again, none when the job writes exactly once; a total a later batch states
   * unchanged is no duplicate; a missing key is an expected one that the records stating the
   * results (the job's {@link OutputReading}) do not state with the expected count.
   */
  OutputCheck output(String topic, String registry, VerifiedJob job, Map<String, Long> expected) {
    Function<byte[], OutputValue> decoder = decoder(topic, registry, job);
    List<OutputReading.OutputRecord> records = new ArrayList<>();
    Set<List<ByteBuffer>> seen = new HashSet<>();
    long[] rawDuplicates = {0};
    readAll(
        topic,
        r -> {
          OutputReading.OutputRecord record = new OutputReading.OutputRecord(r.key(), r.value());
          records.add(record);
          List<ByteBuffer> identity = new ArrayList<>(record.identity());
          identity.add(batch(r));
          if (!seen.add(identity)) {
            rawDuplicates[0]++;
          }
        });
    Map<String, Long> stated = new TreeMap<>();
    for (byte[] value : job.outputReading().stating(records)) {
      job.topicCounts(decoder.apply(value)).forEach((k, n) -> stated.merge(k, n, Long::sum));
    }
    long missing =
        expected.entrySet().stream()
            .filter(want -> !want.getValue().equals(stated.get(want.getKey())))
            .count();
    return new OutputCheck(records.size(), missing, rawDuplicates[0], stated);
  }

  /** Values as the catalog declares the job's output: Avro through the registry, or text. */
  private static Function<byte[], OutputValue> decoder(
      String topic, String registry, VerifiedJob job) {
    Optional<Schema> schema = OutputSchemas.of(job.spec().output());
    if (schema.isEmpty()) {
      return value -> OutputValue.text(new String(value, StandardCharsets.UTF_8));
    }
    ConfluentAvroDeserializer<GenericRecord> values =
        new ConfluentAvroDeserializer<>(SchemaRegistries.connect(registry), schema.get(), false);
    return value -> OutputValue.avro(values.deserialize(topic, value));
  }

  /** Records in the topic so far: a job's progress when it writes no table. */
  long records(String topic) throws Exception {
    try (Admin admin = Admin.create(client)) {
      return DemoSummary.endOffsets(admin, topic);
    }
  }

  /** The batch a record's header names; empty without one (at-least-once outputs). */
  private static ByteBuffer batch(ConsumerRecord<byte[], byte[]> r) {
    Header batch = r.headers().lastHeader(TransactionalKafkaWriter.BATCH_HEADER);
    return ByteBuffer.wrap(batch == null ? new byte[0] : batch.value());
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
  }

  private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
    // As the jobs' users read their exactly-once outputs: aborted transactions never seen.
    Map<String, Object> readCommitted = new HashMap<>(client);
    readCommitted.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            readCommitted, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + " not read to its end in " + READ_TIMEOUT);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(each);
      }
    }
  }
}
