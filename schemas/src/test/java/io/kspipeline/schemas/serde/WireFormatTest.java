package io.kspipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.schemas.SampleRecords;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;

class WireFormatTest {
  private final SchemaRegistry registry = SchemaRegistries.connect("mock://wire-format");
  private final ConfluentAvroSerializer<AccessLogEvent> serializer =
      new ConfluentAvroSerializer<>(registry, true);
  private final ConfluentAvroDeserializer<AccessLogEvent> deserializer =
      ConfluentAvroDeserializer.forClass(registry, AccessLogEvent.class);

  @Test
  void shouldFrameWithMagicByteBigEndianIdAndPlainAvroBody() throws IOException {
    // Register something first so the id is not 1 and byte order matters.
    registry.register(
        "padding-value", org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING));
    byte[] framed = serializer.serialize("access-logs", SampleRecords.accessLogEvent());

    int id = registry.idOf("access-logs-value", AccessLogEvent.getClassSchema());
    assertThat(framed[0]).isEqualTo((byte) 0);
    assertThat(ByteBuffer.wrap(framed, 1, 4).getInt()).isEqualTo(id);
    BinaryDecoder body = DecoderFactory.get().binaryDecoder(framed, 5, framed.length - 5, null);
    GenericRecord decoded =
        new GenericDatumReader<GenericRecord>(registry.schemaById(id)).read(null, body);
    assertThat(body.isEnd()).isTrue();
    assertThat(decoded.get("clientIp").toString()).isEqualTo("2001:db8::1");
    assertThat(decoded.get("timestamp")).isEqualTo(SampleRecords.T.toEpochMilli());
    assertThat(decoded.get("status")).isEqualTo(200);
  }

  @Test
  void shouldRejectAWrongMagicByte() {
    byte[] framed = serializer.serialize("access-logs", SampleRecords.accessLogEvent());
    framed[0] = 1;
    assertThatThrownBy(() -> deserializer.deserialize("access-logs", framed))
        .isInstanceOf(WireFormatException.UnknownMagicByte.class)
        .hasMessageContaining("magic byte 1");
  }

  @Test
  void shouldRejectPayloadsShorterThanTheHeader() {
    assertThatThrownBy(() -> deserializer.deserialize("access-logs", new byte[] {0, 0, 1}))
        .isInstanceOf(WireFormatException.TruncatedFrame.class)
        .hasMessageContaining("3 bytes");
    assertThatThrownBy(() -> deserializer.deserialize("access-logs", new byte[0]))
        .isInstanceOf(WireFormatException.TruncatedFrame.class);
  }

  @Test
  void shouldRejectAnUnknownSchemaId() {
    byte[] framed = serializer.serialize("access-logs", SampleRecords.accessLogEvent());
    ByteBuffer.wrap(framed).putInt(1, 999_999);
    assertThatThrownBy(() -> deserializer.deserialize("access-logs", framed))
        .isInstanceOf(WireFormatException.UnknownSchemaId.class)
        .hasMessageContaining("999999");
  }

  @Test
  void shouldRejectATruncatedBody() {
    byte[] framed = serializer.serialize("access-logs", SampleRecords.accessLogEvent());
    byte[] cut = Arrays.copyOf(framed, framed.length - 10);
    assertThatThrownBy(() -> deserializer.deserialize("access-logs", cut))
        .isInstanceOf(WireFormatException.class)
        .hasMessageContaining("schema id");
  }

  @Test
  void shouldRejectBytesLeftOverAfterTheRecord() {
    byte[] framed = serializer.serialize("access-logs", SampleRecords.accessLogEvent());
    byte[] longer = Arrays.copyOf(framed, framed.length + 3);
    assertThatThrownBy(() -> deserializer.deserialize("access-logs", longer))
        .isInstanceOf(WireFormatException.MalformedPayload.class)
        .hasMessageContaining("bytes left");
  }

  @Test
  void shouldReadTheSchemaIdOfAFrame() {
    assertThat(ConfluentWireFormat.schemaIdOf(new byte[] {0, 0, 0, 1, 2, 9})).isEqualTo(258);
  }

  @Test
  void shouldGiveTheHeaderThatFramesOfASchemaIdStartWith() {
    byte[] framed = serializer.serialize("access-logs", SampleRecords.accessLogEvent());
    int id = ConfluentWireFormat.schemaIdOf(framed);
    assertThat(ConfluentWireFormat.header(id)).isEqualTo(Arrays.copyOf(framed, 5));
    assertThat(ConfluentWireFormat.header(258)).containsExactly(0, 0, 0, 1, 2);
  }

  /** Found by fuzzing: Avro 1.11 sized the array from the count, an OutOfMemoryError. */
  @Test
  void shouldRejectAnArrayCountLargerThanTheFrameBeforeAvroAllocatesIt() {
    org.apache.avro.Schema tags = org.apache.avro.SchemaBuilder.array().items().stringType();
    int id = registry.register("tags-value", tags);
    byte[] framed = {0, 0, 0, 0, (byte) id, (byte) 0x80, (byte) 0xa8, (byte) 0xd6, (byte) 0xb9, 7};
    ByteBuffer.wrap(framed).putInt(1, id);
    ConfluentAvroDeserializer<Object> generic =
        new ConfluentAvroDeserializer<>(registry, null, false);

    assertThatThrownBy(() -> generic.deserialize("tags", framed))
        .isInstanceOf(WireFormatException.TruncatedFrame.class)
        .hasMessageContaining("a block of 1000000000 items with 0 bytes left");
  }

  @Test
  void shouldTellWhetherABodyFitsItsFrame() {
    byte[] framed = serializer.serialize("access-logs", SampleRecords.accessLogEvent());
    org.apache.avro.Schema schema = AccessLogEvent.getClassSchema();
    byte[] longString = framed.clone();
    longString[6] = (byte) 0xfe; // virtualHost (after its union branch) claims 8191 bytes
    longString[7] = (byte) 0x7f;

    assertThat(AvroBodyCheck.fits(schema, framed, 5)).isTrue();
    assertThat(AvroBodyCheck.fits(schema, longString, 5)).isFalse();
    assertThat(AvroBodyCheck.fits(schema, Arrays.copyOf(framed, framed.length - 1), 5)).isFalse();
  }

  @Test
  void shouldRejectAStringLongerThanTheFrame() {
    byte[] framed = serializer.serialize("access-logs", SampleRecords.accessLogEvent());
    framed[6] = (byte) 0xfe; // virtualHost (after its union branch) claims 8191 bytes
    framed[7] = (byte) 0x7f;

    assertThatThrownBy(() -> deserializer.deserialize("access-logs", framed))
        .isInstanceOf(WireFormatException.TruncatedFrame.class)
        .hasMessageContaining("schema id");
  }
}
