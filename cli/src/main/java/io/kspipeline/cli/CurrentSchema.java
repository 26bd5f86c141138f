package io.kspipeline.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The tables of a connection's current schema (its database on MariaDB/MySQL), the run's own:
 * another schema on a shared server may hold tables of the same names.
 */
final class CurrentSchema {
  private CurrentSchema() {}

  /**
   * A table's name as the database stores it, matched without regard to case (H2 stores unquoted
   * names in upper case, PostgreSQL in lower case, MariaDB as written), or empty when there is no
   * such table yet.
   */
  static Optional<String> table(Connection c, String name) throws SQLException {
    String schema = c.getSchema();
    try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), schema, null, null)) {
      while (rs.next()) {
        String stored = rs.getString("TABLE_NAME");
        if (stored.equalsIgnoreCase(name)
            && (schema == null || schema.equals(rs.getString("TABLE_SCHEM")))) {
          return Optional.of(stored);
        }
      }
    }
    return Optional.empty();
  }
}
