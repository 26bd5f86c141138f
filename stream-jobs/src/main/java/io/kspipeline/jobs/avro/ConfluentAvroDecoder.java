package io.kspipeline.jobs.avro;

import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.registry.SchemaRegistryException;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;

/**
 * Spark UDF decoding one Confluent-framed value into {@code struct<record, error>}: the record
 * (converted to the reader schema) or, for a value that cannot be decoded, the reason. A bad frame
 * never fails the batch. The registry client is opened once per executor JVM and caches schemas.
 */
final class ConfluentAvroDecoder implements UDF1<byte[], Row> {
  private final HashMap<String, String> registryConfig;
  private final String readerSchema;
  private transient ConfluentAvroDeserializer<GenericRecord> deserializer;

  ConfluentAvroDecoder(Map<String, String> registryConfig, Schema readerSchema) {
    this.registryConfig = new HashMap<>(registryConfig);
    this.readerSchema = readerSchema.toString();
  }

  @Override
  public Row call(byte[] value) {
    if (value == null) {
      return RowFactory.create(null, "null value (tombstone)");
    }
    try {
      return RowFactory.create(AvroRows.toRow(deserializer().deserialize(null, value)), null);
    } catch (RuntimeException e) {
      if (SchemaRegistryException.isOutage(e)) {
        throw e; // the registry's outage, not the record's fault: the batch fails
      }
      return RowFactory.create(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private ConfluentAvroDeserializer<GenericRecord> deserializer() {
    if (deserializer == null) {
      deserializer =
          new ConfluentAvroDeserializer<>(
              SchemaRegistries.connect(registryConfig),
              new Schema.Parser().parse(readerSchema),
              false);
    }
    return deserializer;
  }
}
