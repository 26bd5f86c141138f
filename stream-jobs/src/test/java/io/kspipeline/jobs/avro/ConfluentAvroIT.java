package io.kspipeline.jobs.avro;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.common.KafkaIO;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.avro.StatusCount;
import io.kspipeline.schemas.registry.RegistryClientConfig;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import io.kspipeline.testsupport.KafkaExtension;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Our serializer → a real broker → Spark decoding into typed rows; bad frames → dead letters. */
class ConfluentAvroIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  private static final Map<String, String> REGISTRY =
      Map.of(RegistryClientConfig.URL, "mock://confluent-avro-it");

  private final SparkSession spark = SparkTestSession.get();

  private static AccessLogEvent event(int status, String endpoint, Long size) {
    return AccessLogEvent.newBuilder()
        .setClientIp("10.0.0.1")
        .setTimestamp(Instant.parse("2016-12-26T14:16:29Z").plusSeconds(status))
        .setMethod("GET")
        .setEndpoint(endpoint)
        .setProtocol("HTTP/1.1")
        .setStatus(status)
        .setContentSize(size)
        .build();
  }

  @Test
  void shouldDecodeFramedRecordsIntoTypedRowsAndDeadLetterBadFrames() throws Exception {
    String topic = "avro-access-logs";
    KAFKA.harness().createTopic(topic, 1);
    ConfluentAvroSerializer<AccessLogEvent> serializer =
        new ConfluentAvroSerializer<>(SchemaRegistries.connect(REGISTRY), true);
    byte[] good1 = serializer.serialize(topic, event(200, "/a", 10L));
    byte[] good2 = serializer.serialize(topic, event(404, "/b", null));
    byte[] wrongMagic = good1.clone();
    wrongMagic[0] = 7;
    byte[] truncated = Arrays.copyOf(good1, 3);
    byte[] unknownId = good1.clone();
    ByteBuffer.wrap(unknownId).putInt(1, 424242);
    send(topic, List.of(good1, wrongMagic, good2, truncated, unknownId));

    Dataset<Row> decoded =
        ConfluentAvro.decode(
            KafkaIO.read(spark, new KafkaOptions(KAFKA.bootstrapServers()), topic),
            topic,
            AccessLogEvent.getClassSchema(),
            REGISTRY);
    decoded.cache();

    List<Row> records = ConfluentAvro.records(decoded).orderBy("kafka_offset").collectAsList();
    assertThat(records).hasSize(2);
    Row first = records.get(0);
    assertThat((int) first.getAs("status")).isEqualTo(200);
    assertThat((String) first.getAs("endpoint")).isEqualTo("/a");
    assertThat((Long) first.getAs("contentSize")).isEqualTo(10L);
    assertThat((Timestamp) first.getAs("timestamp"))
        .isEqualTo(Timestamp.from(Instant.parse("2016-12-26T14:19:49Z")));
    assertThat((Object) records.get(1).getAs("contentSize")).isNull();
    assertThat((long) records.get(1).getAs("kafka_offset")).isEqualTo(2L);

    ConfluentAvroDeserializer<DeadLetter> letters =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), DeadLetter.class);
    List<DeadLetter> dead =
        ConfluentAvro.deadLetters(decoded, "avro-it", "avro-dlq", REGISTRY).collectAsList().stream()
            .map(r -> letters.deserialize("avro-dlq", (byte[]) r.getAs("value")))
            .toList();
    Map<Long, DeadLetter> byOffset =
        dead.stream().collect(Collectors.toMap(DeadLetter::getSourceOffset, d -> d));
    assertThat(byOffset).containsOnlyKeys(1L, 3L, 4L);
    assertThat(byOffset.get(1L).getErrorClass()).isEqualTo("UnknownMagicByte");
    assertThat(byOffset.get(1L).getErrorMessage()).contains("magic byte 7");
    assertThat(byOffset.get(3L).getErrorClass()).isEqualTo("TruncatedFrame");
    assertThat(byOffset.get(4L).getErrorMessage()).contains("UnknownSchemaId", "424242");
    assertThat(dead).allSatisfy(d -> assertThat(d.getSourceTopic()).isEqualTo(topic));
    assertThat(byOffset.get(3L).getPayload()).isEqualTo(ByteBuffer.wrap(truncated));
    assertThat(byOffset.get(3L).getStage()).isEqualTo("avro-it");
    decoded.unpersist();
  }

  @Test
  void shouldEncodeTypedColumnsAsFramesThatOurDeserializerReads() {
    Dataset<Row> counts =
        spark.sql("SELECT * FROM VALUES (200, 5L), (503, 1L) AS t(status, count)");

    List<Row> framed =
        counts
            .select(
                ConfluentAvro.encode(
                        struct(col("status"), col("count")),
                        StatusCount.getClassSchema(),
                        "status-counts-avro",
                        REGISTRY)
                    .as("value"))
            .collectAsList();

    ConfluentAvroDeserializer<StatusCount> reader =
        ConfluentAvroDeserializer.forClass(SchemaRegistries.connect(REGISTRY), StatusCount.class);
    assertThat(framed)
        .extracting(r -> reader.deserialize("status-counts-avro", (byte[]) r.get(0)))
        .containsExactlyInAnyOrder(new StatusCount(200, 5L), new StatusCount(503, 1L));
  }

  private static void send(String topic, List<byte[]> values) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (byte[] value : values) {
        producer.send(new ProducerRecord<>(topic, value)).get();
      }
    }
  }
}
