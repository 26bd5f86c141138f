package io.kspipeline.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A job's result table (keys, hits) read back over JDBC, the rows that hold the results only; empty
 * until the job has created it.
 */
final class ResultTable {
  private final String jdbcUrl;
  private final String table;
  private final List<String> keyColumns;
  private final String resultRows;

  /**
   * @param jdbcUrl verify's own access to the database, not the jobs' (which an outage cuts off)
   */
  ResultTable(String jdbcUrl, VerifiedJob job) {
    this.jdbcUrl = jdbcUrl;
    this.table = job.table();
    this.keyColumns = job.keyColumns();
    this.resultRows = job.resultRows();
  }

  Map<String, Long> counts() throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      Optional<String> stored = CurrentSchema.table(c, table);
      if (stored.isEmpty()) {
        return counts;
      }
      String keys = String.join(", ", keyColumns);
      String where = resultRows.isEmpty() ? "" : " WHERE " + resultRows;
      try (ResultSet rs =
          s.executeQuery("SELECT " + keys + ", hits FROM " + stored.get() + where)) {
        while (rs.next()) {
          List<String> key = new ArrayList<>();
          for (int i = 1; i <= keyColumns.size(); i++) {
            key.add(text(rs.getObject(i)));
          }
          counts.put(String.join(" ", key), rs.getLong(keyColumns.size() + 1));
        }
      }
    }
    return counts;
  }

  /** Timestamps as instants (read in this JVM's zone, as the job's JVM wrote them). */
  private static String text(Object value) {
    return value instanceof Timestamp t ? t.toInstant().toString() : String.valueOf(value);
  }

  /** Units counted so far: the job's progress. */
  long total() throws SQLException {
    return counts().values().stream().mapToLong(Long::longValue).sum();
  }
}
