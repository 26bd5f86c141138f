package io.kspipeline.jobs.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A table as the database holds it: its columns and its primary key, names in lower case.
 *
 * @param primaryKeyName the primary key constraint's name, null without a primary key
 * @param primaryKey the primary key's columns in key order, empty without one
 */
record TableLayout(
    Map<String, StoredColumn> columns, String primaryKeyName, List<String> primaryKey) {

  /** A column's declared size (characters for text) and whether it may be null. */
  record StoredColumn(int size, boolean nullable) {}

  TableLayout {
    columns = Map.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
  }

  StoredColumn column(String name) {
    return columns.get(name.toLowerCase(Locale.ROOT));
  }

  /** The layout of a table of the connection's current schema (or database). */
  static TableLayout read(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    String name =
        meta.storesUpperCaseIdentifiers()
            ? table.toUpperCase(Locale.ROOT)
            : meta.storesLowerCaseIdentifiers() ? table.toLowerCase(Locale.ROOT) : table;
    String catalog = c.getCatalog();
    String schema = c.getSchema();
    Map<String, StoredColumn> columns = new HashMap<>();
    // Table and schema are LIKE patterns here ('_' matches any character): keep exact matches.
    try (ResultSet rs = meta.getColumns(catalog, schema, name, null)) {
      while (rs.next()) {
        if (rs.getString("TABLE_NAME").equals(name)
            && (schema == null || Objects.equals(rs.getString("TABLE_SCHEM"), schema))) {
          columns.put(
              lowerCase(rs.getString("COLUMN_NAME")),
              new StoredColumn(
                  rs.getInt("COLUMN_SIZE"),
                  rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls));
        }
      }
    }
    String keyName = null;
    TreeMap<Integer, String> key = new TreeMap<>();
    try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, name)) {
      while (rs.next()) {
        keyName = rs.getString("PK_NAME");
        key.put(rs.getInt("KEY_SEQ"), lowerCase(rs.getString("COLUMN_NAME")));
      }
    }
    return new TableLayout(columns, keyName, List.copyOf(key.values()));
  }

  private static String lowerCase(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
