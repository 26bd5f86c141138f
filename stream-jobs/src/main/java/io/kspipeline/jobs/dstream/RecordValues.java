package io.kspipeline.jobs.dstream;

import io.kspipeline.jobs.avro.ConfluentAvro;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.schemas.serde.FramedAvroWriter;
import java.io.Serializable;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Result values encoded as the Structured jobs' sinks encode them ({@link OutputFormat}): Avro in
 * the Confluent wire format, framed with the id the driver registered the schema under; or JSON as
 * Spark's {@code to_json} writes the same fields. Made on the driver in each batch (the
 * registration is cached, and a checkpointed closure would keep an id from another registry), used
 * on executors.
 */
public final class RecordValues implements Serializable {
  private final OutputFormat format;
  private final int schemaId;
  private final String schema;
  private transient FramedAvroWriter writer;

  private RecordValues(OutputFormat format, int schemaId, Schema schema) {
    this.format = format;
    this.schemaId = schemaId;
    this.schema = schema.toString();
  }

  /** Values of {@code schema} for {@code topic}, its schema registered there for Avro. */
  public static RecordValues of(
      OutputFormat format, Schema schema, String topic, Map<String, String> registryConfig) {
    int id =
        format == OutputFormat.avro
            ? ConfluentAvro.writerSchemaId(schema, topic, registryConfig)
            : -1;
    return new RecordValues(format, id, schema);
  }

  /** The value of a record of the schema. */
  public byte[] encode(GenericRecord record) {
    if (format == OutputFormat.json) {
      return SparkJson.write(record);
    }
    if (writer == null) {
      writer = new FramedAvroWriter(schemaId, new Schema.Parser().parse(schema));
    }
    return writer.write(record);
  }
}
