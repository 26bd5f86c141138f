package io.kspipeline.jobs.jdbc;

import java.sql.SQLException;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * A result row the database would not take (a value too long, out of range, badly encoded, or a
 * constraint it breaks), with the database's reason. Such a row goes to the job's dead letters and
 * the rest of its batch commits; an error about anything else (the connection, a missing table)
 * still fails the batch.
 */
public record RefusedRow(Row row, String table, String reason) {
  /**
   * MySQL/MariaDB errors about a value that report SQL state HY000 rather than a data class:
   * incorrect string value (1366), incorrect datetime (1292), out of range (1264), too long (1406).
   */
  private static final Set<Integer> MYSQL_VALUE_ERRORS = Set.of(1264, 1292, 1366, 1406);

  static RefusedRow of(Row row, String table, SQLException e) {
    SQLException cause = aboutValue(e);
    SQLException shown = cause == null ? e : cause;
    return new RefusedRow(
        row, table, "SQLState " + shown.getSQLState() + ": " + shown.getMessage());
  }

  /** Whether the error is about the rows' values rather than the database or the statement. */
  static boolean isAboutValues(SQLException e) {
    return aboutValue(e) != null;
  }

  /** The first exception of the chain (batch errors chain the row's error) that names a value. */
  private static SQLException aboutValue(SQLException e) {
    // Bounded: drivers may chain an exception both as cause and as next exception.
    Throwable t = e;
    for (int depth = 0; t != null && depth < 16; depth++, t = next(t)) {
      if (t instanceof SQLException sql && namesValue(sql)) {
        return sql;
      }
    }
    return null;
  }

  private static Throwable next(Throwable t) {
    if (t instanceof SQLException sql && sql.getNextException() != null) {
      return sql.getNextException();
    }
    return t.getCause();
  }

  private static boolean namesValue(SQLException e) {
    String state = e.getSQLState();
    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
      return true;
    }
    return MYSQL_VALUE_ERRORS.contains(e.getErrorCode());
  }
}
