package io.kspipeline.cli;

import io.kspipeline.jobs.jdbc.SqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Watches the run's database for another session's open transaction that has written (a job between
 * its first upsert and its commit) and reads which batches the ledger holds, so a SIGKILL can be
 * aimed into a JDBC transaction and shown afterwards to have landed there.
 */
final class TransactionProbe implements AutoCloseable {
  private static final String LEDGER = "pipeline_batches";

  /**
   * InnoDB refreshes its view of the transactions (information_schema.innodb_trx) only when it has
   * not been read for 100 ms: read more often, it stays as it was and never shows one open. Read
   * this seldom, it shows a job's transaction of a few milliseconds by chance only, so a kill aimed
   * into one on MariaDB/MySQL mostly becomes a random kill.
   */
  private static final long INNODB_READ_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(150);

  private final Connection connection;
  private final Statement statement;
  private final String openTransactions;
  private final long readIntervalNanos;
  private long lastRead = System.nanoTime();

  /**
   * @param jdbcUrl verify's own access to the run's schema (H2, PostgreSQL or MariaDB/MySQL)
   */
  TransactionProbe(String jdbcUrl) throws SQLException {
    SqlDialect dialect = SqlDialect.of(jdbcUrl);
    this.openTransactions = openTransactionsQuery(dialect);
    this.readIntervalNanos = dialect == SqlDialect.MYSQL ? INNODB_READ_INTERVAL_NANOS : 0;
    this.connection = DriverManager.getConnection(jdbcUrl);
    this.statement = connection.createStatement();
  }

  /**
   * Counts the other sessions holding uncommitted changes: on a shared server, those of the run's
   * schema (database) only.
   */
  private static String openTransactionsQuery(SqlDialect dialect) {
    return switch (dialect) {
      case H2 ->
          "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS"
              + " WHERE CONTAINS_UNCOMMITTED AND SESSION_ID <> SESSION_ID()";
      // A transaction id is given at the first write; the locks it holds on the schema's
      // tables tell this run's writers from other clients of the same database.
      case POSTGRESQL ->
          "SELECT COUNT(*) FROM pg_stat_activity a"
              + " WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()"
              + " AND a.backend_xid IS NOT NULL AND EXISTS (SELECT 1 FROM pg_locks l"
              + " JOIN pg_class t ON t.oid = l.relation"
              + " WHERE l.pid = a.pid AND t.relnamespace = current_schema()::text::regnamespace)";
      case MYSQL ->
          "SELECT COUNT(*) FROM information_schema.innodb_trx t"
              + " JOIN information_schema.processlist p ON p.id = t.trx_mysql_thread_id"
              + " WHERE t.trx_rows_modified > 0 AND t.trx_mysql_thread_id <> CONNECTION_ID()"
              + " AND p.db = DATABASE()";
    };
  }

  /**
   * Whether a session other than this one holds uncommitted changes; on MariaDB/MySQL it waits
   * first until InnoDB shows them afresh.
   */
  boolean openTransaction() throws SQLException, InterruptedException {
    TimeUnit.NANOSECONDS.sleep(lastRead + readIntervalNanos - System.nanoTime());
    lastRead = System.nanoTime();
    try (ResultSet rs = statement.executeQuery(openTransactions)) {
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
    Optional<String> ledger = CurrentSchema.table(connection, LEDGER);
    if (ledger.isEmpty()) {
      return newest;
    }
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT query_name, MAX(batch_id) FROM " + ledger.get() + " GROUP BY query_name")) {
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
