package io.kspipeline.jobs;

import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Dead-letter topics in the ITs: the letters one holds, and the one an input record should get. */
public final class DeadLetterTopics {
  private DeadLetterTopics() {}

  /** The DeadLetters of a dead-letter topic's records, in order. */
  public static List<DeadLetter> read(
      String registry, String topic, List<ConsumerRecord<byte[], byte[]>> records) {
    ConfluentAvroDeserializer<DeadLetter> reader =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(registry), DeadLetter.class);
    List<DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      letters.add(reader.deserialize(topic, r.value()));
    }
    return letters;
  }

  /** The input record whose value is {@code value} (UTF-8), wherever the producer put it. */
  public static ConsumerRecord<byte[], byte[]> withValue(
      List<ConsumerRecord<byte[], byte[]>> input, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    for (ConsumerRecord<byte[], byte[]> r : input) {
      if (Arrays.equals(r.value(), bytes)) {
        return r;
      }
    }
    throw new AssertionError("no record " + value + " in the input");
  }

  /**
   * The dead letter of an input record as read back from its topic: its provenance (topic,
   * partition, offset, timestamp) and bytes (none for a tombstone), with the stage and error.
   */
  public static DeadLetter expected(
      ConsumerRecord<byte[], byte[]> input, String stage, String errorClass, String error) {
    return new DeadLetter(
        input.topic(),
        input.partition(),
        input.offset(),
        null,
        Instant.ofEpochMilli(input.timestamp()),
        stage,
        errorClass,
        error,
        ByteBuffer.wrap(input.value() == null ? new byte[0] : input.value()));
  }
}
