package io.kspipeline.jobs.common;

import static org.apache.spark.sql.functions.to_json;

import io.kspipeline.jobs.avro.ConfluentAvro;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.spark.sql.Column;

/** How result values are written to Kafka: Avro with Confluent framing, or JSON text. */
public enum OutputFormat {
  avro,
  json;

  /** The value column for a struct of result fields named as in the Avro schema. */
  public Column encode(
      Column struct, Schema schema, String topic, Map<String, String> registryConfig) {
    return this == avro
        ? ConfluentAvro.encode(struct, schema, topic, registryConfig)
        : to_json(struct);
  }
}
