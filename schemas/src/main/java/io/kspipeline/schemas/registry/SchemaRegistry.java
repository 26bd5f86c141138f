package io.kspipeline.schemas.registry;

import java.io.Closeable;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry API the pipeline uses. Implemented over REST for a
 * real registry (Confluent, or Apicurio's Confluent-compatible API) and locally for development.
 * Failures are {@link SchemaRegistryException}s carrying the registry's error code and message.
 */
public interface SchemaRegistry extends Closeable {

  /** Registers the schema under the subject (or finds it there) and returns its global id. */
  int register(String subject, Schema schema);

  /** The id of a schema already registered under the subject; never registers. */
  int idOf(String subject, Schema schema);

  /** The schema with a global id. */
  Schema schemaById(int id);

  /** The latest version registered under the subject. */
  RegisteredSchema latest(String subject);

  /** Whether the schema may be registered next under the subject, by its compatibility level. */
  boolean isCompatible(String subject, Schema schema);

  /**
   * The subject's compatibility level, or the global one when the subject has none (or is null).
   */
  CompatibilityLevel compatibility(String subject);

  /** Sets the subject's compatibility level; a null subject sets the global level. */
  void setCompatibility(String subject, CompatibilityLevel level);

  @Override
  default void close() {}
}
