package io.kspipeline.jobs.dstream;

import java.io.Serializable;
import java.util.List;

/**
 * An input record read into the keys a job counts (hashtag keys, a status) — or, when it could not
 * be read, the reason, so it can be dead-lettered with its provenance.
 *
 * @param keys empty when the record has nothing to count; null when it was rejected
 */
public record KeyedRecord(SourceRecord source, List<String> keys, String errorClass, String error)
    implements Serializable {

  public static KeyedRecord of(SourceRecord source, List<String> keys) {
    return new KeyedRecord(source, List.copyOf(keys), null, null);
  }

  public static KeyedRecord rejected(SourceRecord source, String errorClass, String error) {
    return new KeyedRecord(source, null, errorClass, error);
  }

  public boolean isRejected() {
    return keys == null;
  }
}
