package io.kspipeline.testsupport;

import io.kspipeline.core.jdbc.JdbcUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * An empty database of its own for one test: a fresh in-memory H2, a new PostgreSQL schema or a new
 * MariaDB database, dropped on {@link #close()}. When a server's URL is not configured the test is
 * aborted (reported as skipped) with the name of the variable to set.
 */
public final class TestDatabase implements AutoCloseable {
  private final DatabaseKind kind;
  private final String url;
  private final String serverUrl;
  private final String isolationName;

  private TestDatabase(DatabaseKind kind, String url, String serverUrl, String isolationName) {
    this.kind = kind;
    this.url = url;
    this.serverUrl = serverUrl;
    this.isolationName = isolationName;
  }

  public static TestDatabase create(DatabaseKind kind) {
    String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (kind == DatabaseKind.H2) {
      return new TestDatabase(kind, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", null, name);
    }
    String serverUrl = kind.configuredUrl();
    Assumptions.assumeTrue(
        serverUrl != null,
        () -> kind + " tests skipped: set " + kind.urlVariable() + " to a JDBC URL to run them");
    String isolated;
    if (kind == DatabaseKind.POSTGRESQL) {
      execute(serverUrl, "CREATE SCHEMA " + name);
      isolated = JdbcUrls.withParameter(serverUrl, "currentSchema", name);
    } else {
      execute(serverUrl, "CREATE DATABASE " + name);
      isolated = JdbcUrls.withDatabase(serverUrl, name);
    }
    return new TestDatabase(kind, isolated, serverUrl, name);
  }

  public DatabaseKind kind() {
    return kind;
  }

  /** The JDBC URL of this test's database (credentials, if any, are in the URL). */
  public String url() {
    return url;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  /** Runs a query and returns its rows as column-label → value maps (labels lower-cased). */
  public List<Map<String, Object>> query(String sql) {
    try (Connection c = connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), portable(rs.getObject(i)));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("query failed on " + kind + ": " + sql, e);
    }
  }

  /** Timestamps as the stored wall-clock time, so results compare alike on every database. */
  private static Object portable(Object value) {
    return value instanceof Timestamp ts ? ts.toLocalDateTime() : value;
  }

  @Override
  public void close() {
    switch (kind) {
      case H2 -> execute(url, "SHUTDOWN");
      case POSTGRESQL -> execute(serverUrl, "DROP SCHEMA IF EXISTS " + isolationName + " CASCADE");
      case MARIADB -> execute(serverUrl, "DROP DATABASE IF EXISTS " + isolationName);
    }
  }

  @Override
  public String toString() {
    return kind.name();
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot run '" + sql + "' on " + url, e);
    }
  }
}
