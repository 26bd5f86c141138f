package io.kspipeline.jobs.avro;

import io.kspipeline.schemas.serde.FramedAvroWriter;
import org.apache.avro.Schema;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;

/** Spark UDF encoding a struct column as a Confluent frame of a schema registered on the driver. */
final class ConfluentAvroEncoder implements UDF1<Row, byte[]> {
  private final int schemaId;
  private final String writerSchema;
  private transient Schema schema;
  private transient FramedAvroWriter writer;

  ConfluentAvroEncoder(int schemaId, Schema writerSchema) {
    this.schemaId = schemaId;
    this.writerSchema = writerSchema.toString();
  }

  @Override
  public byte[] call(Row row) {
    if (writer == null) {
      schema = new Schema.Parser().parse(writerSchema);
      writer = new FramedAvroWriter(schemaId, schema);
    }
    return writer.write(AvroRows.toRecord(row, schema));
  }
}
