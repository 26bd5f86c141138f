package io.kspipeline.jobs.jdbc;

import java.io.Serializable;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a result table's writes ride out a database that cannot be reached: the whole transaction is
 * tried again, with a log line per attempt and a growing pause (1 s doubling to 30 s), for up to
 * {@code retryFor}; then the batch fails with what to do. A failure that is not about the
 * connection (a refused value, a constraint, SQL) fails at once. Retrying is safe because a write
 * is one transaction with its ledger row: an attempt either committed all of it or nothing.
 */
public final class DatabaseOutages implements Serializable {
  /** How long a write keeps trying unless configured otherwise ({@code --jdbc-retry-for}). */
  public static final String DEFAULT_RETRY_FOR = "5m";

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutages.class);
  private static final long FIRST_PAUSE_MS = 1_000;
  private static final long LONGEST_PAUSE_MS = 30_000;

  /** One attempt of a write. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws SQLException;
  }

  private final Duration retryFor;

  public DatabaseOutages(Duration retryFor) {
    if (retryFor.isNegative()) {
      throw new IllegalArgumentException("--jdbc-retry-for must not be negative: " + retryFor);
    }
    this.retryFor = retryFor;
  }

  /**
   * Runs {@code attempt}, again while the database cannot be reached and {@code retryFor} has not
   * passed.
   *
   * @param table what is written, for the log lines
   */
  public <T> T retrying(String table, Attempt<T> attempt) throws SQLException {
    long giveUpAt = System.nanoTime() + retryFor.toNanos();
    long pause = FIRST_PAUSE_MS;
    for (int failures = 0; ; failures++) {
      try {
        T result = attempt.run();
        if (failures > 0) {
          LOG.info(
              "table {}: the database is reachable again, written after {} retries",
              table,
              failures);
        }
        return result;
      } catch (SQLException e) {
        if (!isConnectionLoss(e)) {
          throw e;
        }
        long left = giveUpAt - System.nanoTime();
        if (left <= 0) {
          throw new SQLException(
              "table "
                  + table
                  + ": the database has been unreachable for "
                  + retryFor.toString().substring(2).toLowerCase(java.util.Locale.ROOT)
                  + " ("
                  + e.getMessage()
                  + "); the job stops. Start it again once the database is back: it resumes from"
                  + " its checkpoint and writes this batch exactly once. --jdbc-retry-for sets how"
                  + " long it waits.",
              e.getSQLState(),
              e);
        }
        long sleep = Math.min(pause, Math.max(1, left / 1_000_000));
        LOG.warn(
            "table {}: the database cannot be reached ({}); attempt {} failed, trying again in {} ms",
            table,
            e.getMessage(),
            failures + 1,
            sleep);
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
        pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
      }
    }
  }

  /**
   * Whether the failure is the connection's (SQL state class 08, or a connection exception of
   * JDBC's own hierarchy, anywhere in the chain) rather than the statement's.
   */
  static boolean isConnectionLoss(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLNonTransientConnectionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("08")) {
        return true;
      }
    }
    return false;
  }
}
