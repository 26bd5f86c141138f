package io.kspipeline.cli;

import org.apache.avro.generic.GenericRecord;

/**
 * An output record's value decoded as the catalog declares its topic's values: an Avro record, or
 * text (UTF-8).
 */
record OutputValue(GenericRecord record, String text) {
  static OutputValue avro(GenericRecord record) {
    return new OutputValue(record, null);
  }

  static OutputValue text(String text) {
    return new OutputValue(null, text);
  }

  /** A field of the Avro record. */
  Object get(String field) {
    if (record == null) {
      throw new IllegalStateException("a text value has no field " + field);
    }
    return record.get(field);
  }
}
