package io.kspipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.schemas.SampleRecords;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistry;
import io.kspipeline.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** Readers and writers on different, compatible versions of a schema. */
class SchemaResolutionTest {
  /** The next version of AccessLogEvent: one optional field more, with a default. */
  private static final Schema V2 = withRequestId(AccessLogEvent.getClassSchema());

  private final SchemaRegistry registry = SchemaRegistries.connect("mock://resolution");

  private static Schema withRequestId(Schema v1) {
    return withExtraField(
        v1,
        new Schema.Field(
            "requestId",
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
            "added in v2",
            Schema.Field.NULL_DEFAULT_VALUE));
  }

  private static Schema withoutDefault(Schema v1) {
    return withExtraField(v1, new Schema.Field("region", Schema.create(Schema.Type.STRING)));
  }

  private static Schema withExtraField(Schema v1, Schema.Field extra) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : v1.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(extra);
    return Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
  }

  @Test
  void shouldLetAnOldReaderReadNewData() {
    GenericRecord newer = new GenericData.Record(V2);
    AccessLogEvent old = SampleRecords.accessLogEvent();
    for (Schema.Field f : AccessLogEvent.getClassSchema().getFields()) {
      newer.put(f.name(), old.get(f.pos()));
    }
    newer.put("requestId", "req-7");
    byte[] framed =
        new ConfluentAvroSerializer<GenericRecord>(registry, true).serialize("evolving", newer);

    AccessLogEvent read =
        ConfluentAvroDeserializer.forClass(registry, AccessLogEvent.class)
            .deserialize("evolving", framed);

    assertThat(read).isEqualTo(old);
  }

  @Test
  void shouldLetANewReaderReadOldDataWithTheDefault() {
    byte[] framed =
        new ConfluentAvroSerializer<AccessLogEvent>(registry, true)
            .serialize("evolving-2", SampleRecords.accessLogEvent());

    GenericRecord read =
        new ConfluentAvroDeserializer<GenericRecord>(registry, V2, false)
            .deserialize("evolving-2", framed);

    assertThat(read.get("requestId")).isNull();
    assertThat(read.get("clientIp").toString()).isEqualTo("2001:db8::1");
    assertThat(read.get("status")).isEqualTo(200);
  }

  @Test
  void shouldRefuseToRegisterAFieldWithoutDefaultUnderBackwardCompatibility() {
    registry.register("strict-value", AccessLogEvent.getClassSchema());

    assertThat(registry.isCompatible("strict-value", V2)).isTrue();
    assertThat(
            registry.isCompatible("strict-value", withoutDefault(AccessLogEvent.getClassSchema())))
        .isFalse();
    assertThatThrownBy(
            () ->
                registry.register("strict-value", withoutDefault(AccessLogEvent.getClassSchema())))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("incompatible")
        .hasMessageContaining("region")
        .satisfies(e -> assertThat(((SchemaRegistryException) e).errorCode()).isEqualTo(409));
  }

  @Test
  void shouldRequireRegisteredSchemasWhenAutoRegistrationIsOff() {
    ConfluentAvroSerializer<AccessLogEvent> strict = new ConfluentAvroSerializer<>(registry, false);
    assertThatThrownBy(() -> strict.serialize("unregistered", SampleRecords.accessLogEvent()))
        .isInstanceOf(SchemaRegistryException.class)
        .satisfies(e -> assertThat(((SchemaRegistryException) e).isNotFound()).isTrue());

    registry.register("unregistered-value", AccessLogEvent.getClassSchema());
    assertThat(strict.serialize("unregistered", SampleRecords.accessLogEvent())).isNotEmpty();
  }
}
