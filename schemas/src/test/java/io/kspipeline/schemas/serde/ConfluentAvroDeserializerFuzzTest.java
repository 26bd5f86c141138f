package io.kspipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kspipeline.schemas.SampleRecords;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistry;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.specific.SpecificRecord;

/**
 * Fuzzes the Confluent frame decoder ({@link ConfluentAvroDeserializer} over {@link
 * ConfluentWireFormat}). Without {@code -Pfuzz} it replays the frames under {@code
 * ConfluentAvroDeserializerFuzzTestInputs/decode/} (docs/fuzzing.md).
 *
 * <p>The registry holds every schema of the project (ids 1–7, in {@link
 * SampleRecords#everySchema()} order) and an older AccessLogEvent (id 8) without the virtual host,
 * referrer and user agent. Each frame goes through three deserializers: generic and specific with
 * the writer schema as reader schema, and one into {@link AccessLogEvent} resolving whatever schema
 * the frame names.
 *
 * <p>Invariants: a bad frame raises a {@link WireFormatException} with a message, never anything
 * else (no AvroRuntimeException, IndexOutOfBounds, OutOfMemoryError ...); a decoded value has the
 * reader schema, and encoding it again and decoding that gives the same value.
 */
class ConfluentAvroDeserializerFuzzTest {
  private static final String SCOPE = "fuzz-avro-decoder";

  /** AccessLogEvent before virtualHost, referrer and userAgent were added (all with defaults). */
  static final Schema OLD_ACCESS_LOG_EVENT =
      new Schema.Parser()
          .parse(
              "{\"type\":\"record\",\"name\":\"AccessLogEvent\","
                  + "\"namespace\":\"io.kspipeline.schemas.avro\",\"fields\":["
                  + "{\"name\":\"clientIp\",\"type\":\"string\"},"
                  + "{\"name\":\"ident\",\"type\":[\"null\",\"string\"],\"default\":null},"
                  + "{\"name\":\"userId\",\"type\":[\"null\",\"string\"],\"default\":null},"
                  + "{\"name\":\"timestamp\",\"type\":{\"type\":\"long\","
                  + "\"logicalType\":\"timestamp-millis\"}},"
                  + "{\"name\":\"method\",\"type\":[\"null\",\"string\"],\"default\":null},"
                  + "{\"name\":\"endpoint\",\"type\":[\"null\",\"string\"],\"default\":null},"
                  + "{\"name\":\"protocol\",\"type\":[\"null\",\"string\"],\"default\":null},"
                  + "{\"name\":\"status\",\"type\":\"int\"},"
                  + "{\"name\":\"contentSize\",\"type\":[\"null\",\"long\"],\"default\":null}]}");

  private static final SchemaRegistry REGISTRY = registryWithEverySchema();

  private static final ConfluentAvroDeserializer<Object> GENERIC =
      new ConfluentAvroDeserializer<>(REGISTRY, null, false);
  private static final ConfluentAvroDeserializer<Object> SPECIFIC =
      new ConfluentAvroDeserializer<>(REGISTRY, null, true);
  private static final ConfluentAvroDeserializer<AccessLogEvent> INTO_ACCESS_LOG_EVENT =
      ConfluentAvroDeserializer.forClass(REGISTRY, AccessLogEvent.class);

  static SchemaRegistry registryWithEverySchema() {
    SchemaRegistries.dropMockScope(SCOPE);
    SchemaRegistry registry = SchemaRegistries.connect("mock://" + SCOPE);
    List<SpecificRecord> samples = SampleRecords.everySchema();
    for (SpecificRecord sample : samples) {
      registry.register("fuzz-" + sample.getSchema().getName(), sample.getSchema());
    }
    registry.register("fuzz-old-access-log-event", OLD_ACCESS_LOG_EVENT);
    return registry;
  }

  @FuzzTest
  void decode(byte[] frame) {
    decodeWith(GENERIC, frame, null);
    decodeWith(SPECIFIC, frame, null);
    decodeWith(INTO_ACCESS_LOG_EVENT, frame, AccessLogEvent.getClassSchema());
  }

  /**
   * @param readerSchema the schema decoded values must have; null for the frame's writer schema
   */
  private static void decodeWith(
      ConfluentAvroDeserializer<?> deserializer, byte[] frame, Schema readerSchema) {
    Object value;
    try {
      value = deserializer.deserialize("fuzz", frame);
    } catch (WireFormatException expected) {
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    int id = ConfluentWireFormat.schemaIdOf(frame);
    Schema expected = readerSchema != null ? readerSchema : REGISTRY.schemaById(id);
    assertThat(value).isInstanceOf(GenericContainer.class);
    assertThat(((GenericContainer) value).getSchema()).isEqualTo(expected);

    int writerId = readerSchema != null ? REGISTRY.idOf("fuzz-AccessLogEvent", expected) : id;
    byte[] again = new FramedAvroWriter(writerId, expected).write(value);
    Object decodedAgain = deserializer.deserialize("fuzz", again);
    // GenericData.Record.equals ignores logical types (an Instant in a union), so compare with
    // the model the deserializer decodes with; specific records compare with their own.
    if (value instanceof SpecificRecord) {
      assertThat(decodedAgain).isEqualTo(value);
    } else {
      assertThat(GenericRecords.MODEL.compare(decodedAgain, value, expected)).isZero();
    }
  }
}
