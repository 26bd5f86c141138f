package io.kspipeline.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * Watches verify's H2 server for another session's open transaction (a job between its first upsert
 * and its commit) and reads which batches the ledger holds, so a SIGKILL can be aimed into a JDBC
 * transaction and shown afterwards to have landed there.
 */
final class TransactionProbe implements AutoCloseable {
  private static final String LEDGER = "PIPELINE_BATCHES";

  private final Connection connection;
  private final Statement statement;

  TransactionProbe(String jdbcUrl) throws SQLException {
    this.connection = DriverManager.getConnection(jdbcUrl);
    this.statement = connection.createStatement();
  }

  /** Whether a session other than this one holds uncommitted changes. */
  boolean openTransaction() throws SQLException {
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
                + " WHERE CONTAINS_UNCOMMITTED AND SESSION_ID <> SESSION_ID()")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  /**
   * The newest committed batch of each query in the ledger. Every committed batch adds a higher
   * batch id for its query, so an unchanged map means nothing was committed in between.
   */
  Map<String, Long> committedBatches() throws SQLException {
    Map<String, Long> newest = new TreeMap<>();
    if (!connection.getMetaData().getTables(null, null, LEDGER, null).next()) {
      return newest;
    }
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT query_name, MAX(batch_id) FROM " + LEDGER + " GROUP BY query_name")) {
      while (rs.next()) {
        newest.put(rs.getString(1), rs.getLong(2));
      }
    }
    return newest;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
