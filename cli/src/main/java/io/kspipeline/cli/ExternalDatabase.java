package io.kspipeline.cli;

import io.kspipeline.core.jdbc.JdbcUrls;
import io.kspipeline.jobs.jdbc.SqlDialect;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A database server given with {@code verify --jdbc-url}: the run's tables go to a schema of its
 * own (a database on MariaDB/MySQL), and the jobs reach the server through a {@link DatabaseProxy},
 * which an outage stops: verify cannot stop someone's server, and need not.
 */
final class ExternalDatabase implements VerifyDatabase {
  private final String location;
  private final String directUrl;
  private final DatabaseProxy proxy;

  private ExternalDatabase(String location, String directUrl, DatabaseProxy proxy) {
    this.location = location;
    this.directUrl = directUrl;
    this.proxy = proxy;
  }

  /**
   * Why verify cannot use this URL, or null when it can: it must reach one server over TCP, with a
   * driver the jobs know.
   */
  static String refusal(String serverUrl) {
    String url = serverUrl.toLowerCase(Locale.ROOT);
    boolean server =
        url.startsWith("jdbc:postgresql://")
            || url.startsWith("jdbc:mariadb://")
            || url.startsWith("jdbc:mysql://")
            || url.startsWith("jdbc:h2:tcp://");
    if (!server) {
      return "--jdbc-url takes a database server's URL, jdbc:postgresql://, jdbc:mariadb://,"
          + " jdbc:mysql:// or jdbc:h2:tcp://; without --jdbc-url verify runs its own H2: "
          + serverUrl;
    }
    if (JdbcUrls.server(serverUrl).contains(",")) {
      return "--jdbc-url must name one server (the jobs reach it through a proxy): " + serverUrl;
    }
    return null;
  }

  /**
   * Creates a schema (database) for the run on the server and a proxy in front of the server.
   *
   * <p>The schema is left there after the run, not dropped: its tables and ledger are the evidence
   * of what the jobs wrote, for a user to inspect when a run fails (or to drop).
   *
   * @param name the schema's name, new on the server
   */
  static ExternalDatabase isolated(String serverUrl, String name) throws SQLException, IOException {
    SqlDialect dialect = SqlDialect.of(serverUrl);
    String directUrl =
        switch (dialect) {
          case POSTGRESQL -> {
            execute(serverUrl, "CREATE SCHEMA " + name);
            yield JdbcUrls.withParameter(serverUrl, "currentSchema", name);
          }
          case MYSQL -> {
            execute(serverUrl, "CREATE DATABASE " + name);
            yield JdbcUrls.withDatabase(serverUrl, name);
          }
          case H2 -> {
            execute(serverUrl, "CREATE SCHEMA " + name);
            yield serverUrl + ";SCHEMA=" + name;
          }
        };
    String server = JdbcUrls.server(serverUrl);
    int colon = server.endsWith("]") ? -1 : server.lastIndexOf(':'); // [IPv6] without a port
    String host = colon < 0 ? server : server.substring(0, colon);
    int port = colon < 0 ? defaultPort(dialect) : Integer.parseInt(server.substring(colon + 1));
    String location =
        (dialect == SqlDialect.MYSQL ? "database " : "schema ")
            + name
            + " at "
            + JdbcUrls.withoutParameters(directUrl);
    return new ExternalDatabase(location, directUrl, DatabaseProxy.start(host, port));
  }

  /** A fresh schema name: {@code verify_} and 12 hex digits. */
  static String newSchemaName() {
    return "verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  private static int defaultPort(SqlDialect dialect) {
    return switch (dialect) {
      case POSTGRESQL -> 5432;
      case MYSQL -> 3306;
      case H2 -> 9092;
    };
  }

  /** Where the run's tables are, for a user to inspect them: the schema and the server. */
  String location() {
    return location;
  }

  /** The same schema, through the proxy. */
  @Override
  public String jobsUrl() {
    return JdbcUrls.withServer(directUrl, proxy.address());
  }

  @Override
  public String directUrl() {
    return directUrl;
  }

  @Override
  public void stop() throws IOException {
    proxy.stop();
  }

  @Override
  public void restart() throws IOException {
    proxy.restart();
  }

  /** Stops the proxy; the schema stays (see {@link #isolated}). */
  @Override
  public void close() throws IOException {
    proxy.close();
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(
          "cannot run '" + sql + "' on " + JdbcUrls.withoutParameters(url) + ": " + e.getMessage(),
          e.getSQLState(),
          e);
    }
  }
}
