package io.kspipeline.jobs.dstream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.common.DeadLetters;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * The dead letters of a batch's output pass: sent, awaited and counted, and the same records (key
 * and DeadLetter value) as the Structured jobs' dead letters.
 */
class DeadLetteringTest {
  private static final String REGISTRY = "mock://dead-lettering-test";
  private static final String DLQ = "tweets-dlq";

  private static final SourceRecord GOOD = record(7, "k7", "ok");
  private static final SourceRecord BAD = record(8, "k8", "not a tweet");

  private static SourceRecord record(long offset, String key, String value) {
    return new SourceRecord(
        "tweets",
        1,
        offset,
        1_700_000_000_000L + offset,
        key.getBytes(StandardCharsets.UTF_8),
        value.getBytes(StandardCharsets.UTF_8));
  }

  private static DeadLettering.DeadLetterRecords letters() {
    return new DeadLettering.DeadLetterRecords(
        "popular-hashtags",
        DLQ,
        RecordValues.of(
            OutputFormat.avro,
            DeadLetter.getClassSchema(),
            DLQ,
            Map.of("schema.registry.url", REGISTRY)));
  }

  @Test
  void shouldSendTheRejectedRecordsAndReturnOnlyOnceTheyAreAcknowledged() {
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(false, new ByteArraySerializer(), new ByteArraySerializer());
    List<KeyedRecord> batch =
        List.of(
            KeyedRecord.of(GOOD, List.of("ok")),
            KeyedRecord.rejected(BAD, "BadFrame", "BadFrame: no magic byte"));

    long count = DeadLettering.sendRejected(batch.iterator(), letters(), producer);

    assertThat(count).isEqualTo(1);
    assertThat(producer.flushed()).as("dead letters acknowledged").isTrue();
    assertThat(producer.history()).hasSize(1);
    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo(DLQ);
    assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("k8");
    DeadLetter letter =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), DeadLetter.class)
            .deserialize(DLQ, sent.value());
    assertThat(letter)
        .isEqualTo(
            new DeadLetter(
                "tweets",
                1,
                8L,
                null,
                Instant.ofEpochMilli(1_700_000_000_008L),
                "popular-hashtags",
                "BadFrame",
                "BadFrame: no magic byte",
                java.nio.ByteBuffer.wrap("not a tweet".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void shouldNameTheFileAndLineOfARejectedLineInsteadOfATopic() {
    SourceRecord line = SourceRecord.ofFileLine("file:/data/tweets/day-1.json", 4, "{\"id_str\":");
    ProducerRecord<byte[], byte[]> sent =
        letters().of(KeyedRecord.rejected(line, "TweetParseError", "bad JSON"));

    DeadLetter letter =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), DeadLetter.class)
            .deserialize(DLQ, sent.value());
    assertThat(sent.key()).isNull();
    assertThat(letter)
        .isEqualTo(
            new DeadLetter(
                null,
                null,
                null,
                "file:/data/tweets/day-1.json:4",
                null,
                "popular-hashtags",
                "TweetParseError",
                "bad JSON",
                java.nio.ByteBuffer.wrap("{\"id_str\":".getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void shouldWriteTheDeadLetterTheStructuredJobsWrite() {
    StructType rejected =
        new StructType()
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType)
            .add("errorClass", DataTypes.StringType)
            .add("error", DataTypes.StringType);
    Row row =
        RowFactory.create(
            BAD.key(),
            BAD.value(),
            "tweets",
            1,
            8L,
            new Timestamp(BAD.timestamp()),
            "BadFrame",
            "BadFrame: no magic byte");
    Row structured =
        DeadLetters.fromKafkaRows(
                SparkTestSession.get().createDataFrame(List.of(row), rejected),
                col("errorClass"),
                col("error"),
                "popular-hashtags",
                DLQ,
                Map.of("schema.registry.url", REGISTRY))
            .first();

    ProducerRecord<byte[], byte[]> dstream =
        letters().of(KeyedRecord.rejected(BAD, "BadFrame", "BadFrame: no magic byte"));

    assertThat(dstream.key()).isEqualTo((byte[]) structured.getAs("key"));
    assertThat(dstream.value()).isEqualTo((byte[]) structured.getAs("value"));
  }
}
