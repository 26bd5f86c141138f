package io.kspipeline.jobs.jdbc;

import io.kspipeline.jobs.structured.TopUrlsCommand;
import io.kspipeline.testsupport.TestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Rows of one window of the top-urls job's url_hits table, written and read back. */
final class UrlHitsRows {
  static final TableSpec TABLE = TopUrlsCommand.TABLE;
  static final Instant START = Instant.parse("2016-12-26T14:16:00Z");
  static final Instant END = Instant.parse("2016-12-26T14:16:30Z");

  private static final StructType ROW =
      new StructType()
          .add("window_start", DataTypes.TimestampType)
          .add("window_end", DataTypes.TimestampType)
          .add("endpoint", DataTypes.StringType)
          .add("hits", DataTypes.LongType);

  private UrlHitsRows() {}

  /** Rows of the window, endpoint → hits. */
  static Iterator<Row> rows(Map<String, Long> hits) {
    List<Row> rows = new ArrayList<>();
    hits.forEach(
        (endpoint, count) ->
            rows.add(
                new GenericRowWithSchema(
                    new Object[] {Timestamp.from(START), Timestamp.from(END), endpoint, count},
                    ROW)));
    return rows.iterator();
  }

  /** The table's endpoint → hits. */
  static Map<String, Long> stored(TestDatabase db) {
    Map<String, Long> hits = new LinkedHashMap<>();
    for (Map<String, Object> row : db.query("SELECT endpoint, hits FROM url_hits")) {
      hits.put((String) row.get("endpoint"), (Long) row.get("hits"));
    }
    return hits;
  }

  /** The table's endpoint → endpoint_sha256. */
  static Map<String, String> storedHashes(TestDatabase db) {
    Map<String, String> hashes = new LinkedHashMap<>();
    for (Map<String, Object> row : db.query("SELECT endpoint, endpoint_sha256 FROM url_hits")) {
      hashes.put((String) row.get("endpoint"), (String) row.get("endpoint_sha256"));
    }
    return hashes;
  }

  /** endpoint → its {@link TextKeyHash}, what {@link #storedHashes} must read. */
  static Map<String, String> hashesOf(Iterable<String> endpoints) {
    Map<String, String> hashes = new LinkedHashMap<>();
    endpoints.forEach(e -> hashes.put(e, TextKeyHash.of(e)));
    return hashes;
  }

  /** A path of exactly {@code length} characters: '/' and then {@code fill}s. */
  static String path(int length, String fill) {
    return "/" + fill.repeat(length - 1);
  }
}
