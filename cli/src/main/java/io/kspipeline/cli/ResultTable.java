package io.kspipeline.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A job's result table (key, hits) read back over JDBC; empty until the job has created it. */
final class ResultTable {
  private final String jdbcUrl;
  private final String table;
  private final String keyColumn;

  ResultTable(String jdbcUrl, VerifiedJob job) {
    this.jdbcUrl = jdbcUrl;
    this.table = job.table();
    this.keyColumn = job.keyColumn();
  }

  Map<String, Long> counts() throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl);
        Statement s = c.createStatement()) {
      if (!c.getMetaData().getTables(null, null, table.toUpperCase(Locale.ROOT), null).next()
          && !c.getMetaData().getTables(null, null, table, null).next()) {
        return counts;
      }
      try (ResultSet rs = s.executeQuery("SELECT " + keyColumn + ", hits FROM " + table)) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return counts;
  }

  /** Units counted so far: the job's progress. */
  long total() throws SQLException {
    return counts().values().stream().mapToLong(Long::longValue).sum();
  }
}
