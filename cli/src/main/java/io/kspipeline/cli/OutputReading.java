package io.kspipeline.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which records of an output topic, read in the order written, state a job's results. */
enum OutputReading {
  /** A compacted topic: the latest value of each key states that key's part of the results. */
  LATEST_PER_KEY {
    @Override
    List<byte[]> stating(List<OutputRecord> records) {
      Map<String, byte[]> latest = new LinkedHashMap<>();
      records.forEach(r -> latest.put(r.keyText(), r.value()));
      return new ArrayList<>(latest.values());
    }
  },

  /** Each record replaces the one before (a slide's whole ranking): the last one states all. */
  LAST_RECORD {
    @Override
    List<byte[]> stating(List<OutputRecord> records) {
      return records.isEmpty() ? List.of() : List.of(records.get(records.size() - 1).value());
    }
  },

  /**
   * A log, one record per result: every distinct record states one. A record equal to an earlier
   * one in key and value is the at-least-once sink writing a replayed batch again, not a second
   * result.
   */
  DISTINCT_RECORDS {
    @Override
    List<byte[]> stating(List<OutputRecord> records) {
      Set<List<ByteBuffer>> seen = new HashSet<>();
      List<byte[]> distinct = new ArrayList<>();
      for (OutputRecord r : records) {
        if (seen.add(r.identity())) {
          distinct.add(r.value());
        }
      }
      return distinct;
    }
  };

  /** The values that state the results, from the topic's records in the order written. */
  abstract List<byte[]> stating(List<OutputRecord> records);

  /** A record of the output topic, its key and value as written. */
  record OutputRecord(byte[] key, byte[] value) {
    String keyText() {
      return key == null ? "" : new String(key, StandardCharsets.UTF_8);
    }

    /** Key and value as one comparable value: equal for a record written again. */
    List<ByteBuffer> identity() {
      return List.of(
          ByteBuffer.wrap(key == null ? new byte[0] : key),
          ByteBuffer.wrap(value == null ? new byte[0] : value));
    }
  }
}
