package io.kspipeline.schemas.serde;

import java.util.Map;

/** Serde settings, under the names Confluent's Avro serde uses. */
public final class AvroSerdeConfig {
  /** Register the record's schema when it is not yet in the subject (default true). */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";

  /** Decode into the generated SpecificRecord class named by the writer schema (default false). */
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

  private AvroSerdeConfig() {}

  static boolean flag(Map<String, ?> configs, String key, boolean fallback) {
    Object value = configs.get(key);
    return value == null ? fallback : Boolean.parseBoolean(value.toString());
  }

  /** TopicNameStrategy: the subject of a topic's values or keys. */
  public static String subjectOf(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
