package io.kspipeline.jobs.jdbc;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The table that records which micro-batches of which query a database has committed. */
final class BatchLedger implements Serializable {
  static final TableSpec TABLE =
      new TableSpec(
          "pipeline_batches",
          List.of(
              Column.of("query_name", Column.Type.NAME), Column.of("batch_id", Column.Type.BIGINT)),
          List.of());

  boolean contains(Connection c, String queryName, long batchId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM pipeline_batches WHERE query_name = ? AND batch_id = ?")) {
      ps.setString(1, queryName);
      ps.setLong(2, batchId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Forgets every batch of the query; returns how many there were. */
  int forget(Connection c, String queryName) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM pipeline_batches WHERE query_name = ?")) {
      delete.setString(1, queryName);
      return delete.executeUpdate();
    }
  }

  /** Records the batch and forgets batches older than the retained window. */
  void record(Connection c, String queryName, long batchId, int retained) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO pipeline_batches (query_name, batch_id) VALUES (?, ?)")) {
      insert.setString(1, queryName);
      insert.setLong(2, batchId);
      insert.executeUpdate();
    }
    try (PreparedStatement prune =
        c.prepareStatement("DELETE FROM pipeline_batches WHERE query_name = ? AND batch_id < ?")) {
      prune.setString(1, queryName);
      prune.setLong(2, batchId - retained);
      prune.executeUpdate();
    }
  }
}
