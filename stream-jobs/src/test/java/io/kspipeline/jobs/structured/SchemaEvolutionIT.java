package io.kspipeline.jobs.structured;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistry;
import io.kspipeline.schemas.registry.SchemaRegistryException;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import io.kspipeline.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * AccessLogEvent evolving under a running status-counts job: a version with one optional field more
 * is registered and written while the job runs, and the job keeps counting; a version that breaks
 * BACKWARD compatibility is refused when it is registered, with the registry's reason.
 */
class SchemaEvolutionIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  private static final String REGISTRY_URL = "mock://schema-evolution-it";
  private static final String TOPIC = "evolving-access-logs";
  private static final String SUBJECT = TOPIC + "-value";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  @TempDir Path checkpoints;

  private final SparkSession spark = SparkTestSession.get();
  private final SchemaRegistry registry = SchemaRegistries.connect(REGISTRY_URL);

  @Test
  void shouldKeepCountingAcrossAnAddedOptionalFieldAndRefuseAnIncompatibleChange()
      throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic(TOPIC, 1);
    kafka.createTopic(TOPIC + "-counts", 1);
    kafka.createTopic(TOPIC + "-dlq", 1);
    Schema v1 = AccessLogEvent.getClassSchema();
    Schema v2 =
        accessLogEventWith(
            fields ->
                fields.add(
                    field(
                        "{\"name\":\"requestId\",\"type\":[\"null\",\"string\"],\"default\":null}")));
    Schema statusAsText =
        accessLogEventWith(fields -> ((ObjectNode) byName(fields, "status")).put("type", "string"));

    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      send(List.of(event(v1, 200), event(v1, 200), event(v1, 404)), true);
      List<StreamingQuery> queries = startStatusCounts(kafka, db);
      try {
        awaitCounts(db, Map.of(200, 2L, 404, 1L), queries);

        registry.register(SUBJECT, v2);
        assertThat(registry.latest(SUBJECT).version()).isEqualTo(2);
        GenericRecord withRequestId = event(v2, 200);
        withRequestId.put("requestId", "req-42");
        send(List.of(withRequestId, event(v2, 503)), false);

        awaitCounts(db, Map.of(200, 3L, 404, 1L, 503, 1L), queries);

        assertThatThrownBy(() -> registry.register(SUBJECT, statusAsText))
            .isInstanceOfSatisfying(
                SchemaRegistryException.class,
                e ->
                    assertThat(e.errorCode())
                        .isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA))
            .hasMessageContaining("BACKWARD check failed")
            .hasMessageContaining("TYPE_MISMATCH at /fields/8/type");
        assertThat(registry.latest(SUBJECT).schema()).isEqualTo(v2);
        assertThat(queries).allMatch(StreamingQuery::isActive);
        assertThat(kafka.readAll(TOPIC + "-dlq")).isEmpty();
      } finally {
        QueryRunner.stopAll(queries);
      }
    }
  }

  /** AccessLogEvent as JSON, its fields changed by {@code change}. */
  private static Schema accessLogEventWith(Consumer<ArrayNode> change) throws IOException {
    ObjectNode schema = (ObjectNode) JSON.readTree(AccessLogEvent.getClassSchema().toString());
    change.accept((ArrayNode) schema.get("fields"));
    return new Schema.Parser().parse(schema.toString());
  }

  private static JsonNode field(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  private static JsonNode byName(ArrayNode fields, String name) {
    for (JsonNode field : fields) {
      if (field.path("name").asText().equals(name)) {
        return field;
      }
    }
    throw new IllegalArgumentException("no field " + name);
  }

  /** A request as a record of the given version of AccessLogEvent, other fields left null. */
  private static GenericRecord event(Schema version, int status) {
    GenericRecord event = new GenericData.Record(version);
    event.put("clientIp", "10.0.0.1");
    event.put("timestamp", Instant.parse("2016-12-26T14:16:29Z").toEpochMilli());
    event.put("status", status);
    return event;
  }

  /** Sends framed records as a producer on the given schema version would. */
  private void send(List<GenericRecord> events, boolean autoRegister) throws Exception {
    ConfluentAvroSerializer<GenericRecord> serializer =
        new ConfluentAvroSerializer<>(registry, autoRegister);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (GenericRecord event : events) {
        producer.send(new ProducerRecord<>(TOPIC, serializer.serialize(TOPIC, event))).get();
      }
    }
  }

  /** status-counts on Avro input with a one-second trigger: running until stopped. */
  private List<StreamingQuery> startStatusCounts(KafkaHarness kafka, TestDatabase db)
      throws Exception {
    return JobArguments.builder()
        .inputTopic(TOPIC)
        .deadLetterTopic(TOPIC + "-dlq")
        .bootstrap(kafka.bootstrapServers())
        .registry(REGISTRY_URL)
        .checkpoint(checkpoints)
        .trigger("1s")
        .jdbcUrl(db.url())
        .outputTopic(TOPIC + "-counts")
        .outputFormat(OutputFormat.json)
        .build()
        .configure(new StatusCountsCommand())
        .start(spark);
  }

  private static void awaitCounts(
      TestDatabase db, Map<Integer, Long> expected, List<StreamingQuery> queries) {
    eventually(
        () -> "status counts " + expected + ", got " + tableCounts(db),
        DEADLINE,
        () -> {
          for (StreamingQuery query : queries) {
            assertThat(query.exception().isDefined()).as("query %s failed", query.name()).isFalse();
          }
          return tableCounts(db).equals(expected);
        });
  }

  /** The table's counts; none before the job's first batch has created it. */
  private static Map<Integer, Long> tableCounts(TestDatabase db) {
    Map<Integer, Long> counts = new TreeMap<>();
    List<Map<String, Object>> rows;
    try {
      rows = db.query("SELECT status, hits FROM status_counts");
    } catch (RuntimeException e) {
      rows = new ArrayList<>();
    }
    for (Map<String, Object> row : rows) {
      counts.put(((Number) row.get("status")).intValue(), ((Number) row.get("hits")).longValue());
    }
    return counts;
  }
}
