package io.kspipeline.jobs.jdbc;

import io.kspipeline.core.config.Durations;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;

/**
 * Exactly-once upserts of streaming results: each micro-batch's rows and a (query, batch id) row in
 * a ledger table are committed in one transaction, and a batch id already in the ledger (a batch
 * Spark replays after a failure) is skipped. Tables are created if missing.
 */
public final class JdbcUpsertSink implements Serializable {
  /** Ledger rows kept per query; Spark only ever replays the last batch. */
  static final int LEDGER_RETAINED_BATCHES = 100;

  private static final int STATEMENT_BATCH = 1000;

  /** The rows of a batch, read again when a write is retried after the database came back. */
  @FunctionalInterface
  public interface RowSource {
    Iterator<Row> open() throws Exception;
  }

  private final JdbcSettings settings;
  private final TableSpec table;
  private final BatchLedger ledger;
  private DatabaseOutages outages =
      new DatabaseOutages(Durations.parse(DatabaseOutages.DEFAULT_RETRY_FOR));
  private transient volatile boolean tablesReady;

  public JdbcUpsertSink(JdbcSettings settings, TableSpec table) {
    this.settings = settings;
    this.table = table;
    this.ledger = new BatchLedger();
  }

  public TableSpec table() {
    return table;
  }

  /** How long a write waits for a database that cannot be reached before the batch fails. */
  public JdbcUpsertSink retryingFor(Duration retryFor) {
    this.outages = new DatabaseOutages(retryFor);
    return this;
  }

  /**
   * Creates the result table and the ledger if they do not exist, and upgrades a result table an
   * earlier version created (see {@link TableUpgrade}).
   */
  public void createTables() throws SQLException {
    SqlDialect dialect = settings.dialect();
    try (Connection c = settings.connect()) {
      try (Statement s = c.createStatement()) {
        s.execute(dialect.createTable(table));
        s.execute(dialect.createTable(BatchLedger.TABLE));
      }
      TableUpgrade.applyIfNeeded(c, dialect, table);
    }
    tablesReady = true;
  }

  /**
   * Creates or replaces a view that ranks the keys of each window of a windowed-count table by hits
   * ({@code hit_rank}, 1 for the most), for queries such as "top 10 of every window".
   */
  public void createRankedView(String view, String keyColumn) throws SQLException {
    try (Connection c = settings.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE OR REPLACE VIEW "
              + view
              + " AS SELECT window_start, window_end, "
              + keyColumn
              + ", hits, RANK() OVER (PARTITION BY window_start, window_end ORDER BY hits DESC)"
              + " AS hit_rank FROM "
              + table.name());
    }
  }

  /**
   * Forgets the batches of a query the ledger holds: a query starting on a new checkpoint numbers
   * its batches from 0 again, and the ledger rows of its previous checkpoint would make them look
   * like replays, to be skipped. Returns how many were forgotten.
   */
  public int forgetBatches(String queryName) throws SQLException {
    try (Connection c = settings.connect()) {
      return ledger.forget(c, queryName);
    }
  }

  /** Deletes the rows whose {@code timeColumn} is before {@code time}: retention of old results. */
  public int deleteBefore(String timeColumn, Instant time) throws SQLException {
    try (Connection c = settings.connect();
        PreparedStatement delete =
            c.prepareStatement("DELETE FROM " + table.name() + " WHERE " + timeColumn + " < ?")) {
      delete.setObject(1, utc(time));
      return delete.executeUpdate();
    }
  }

  /**
   * As {@link #write(String, long, Iterator, Consumer)} for a writer with nowhere to set rows
   * aside: a row the database refuses fails the batch.
   */
  public long write(String queryName, long batchId, Iterator<Row> rows) throws SQLException {
    return write(
        queryName,
        batchId,
        rows,
        refused -> {
          throw new IllegalStateException(
              refused.size() + " row(s) refused by " + table.name() + ": " + refused.get(0));
        });
  }

  /**
   * Writes one micro-batch. Row fields are read by the table's column names. Rows the database
   * refuses ({@link RefusedRow}) are handed to {@code refused} before the commit, so a failure
   * between the two replays the batch and hands them over again rather than losing them.
   *
   * @return the number of rows written, or -1 when the batch was already committed
   */
  public long write(
      String queryName, long batchId, Iterator<Row> rows, Consumer<List<RefusedRow>> refused)
      throws SQLException {
    boolean[] opened = {false};
    return write(
        queryName,
        batchId,
        () -> {
          if (opened[0]) {
            throw new IllegalStateException("the rows of an iterator cannot be read again");
          }
          opened[0] = true;
          return rows;
        },
        refused);
  }

  /**
   * As {@link #write(String, long, Iterator, Consumer)}, the transaction tried again (rows read
   * again) while the database cannot be reached, for up to {@link #retryingFor}.
   */
  public long write(
      String queryName, long batchId, RowSource rows, Consumer<List<RefusedRow>> refused)
      throws SQLException {
    return outages.retrying(
        table.name(), () -> writeOnce(queryName, batchId, openRows(rows), refused));
  }

  private static Iterator<Row> openRows(RowSource rows) throws SQLException {
    try {
      return rows.open();
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the batch's rows", e);
    }
  }

  private long writeOnce(
      String queryName, long batchId, Iterator<Row> rows, Consumer<List<RefusedRow>> refused)
      throws SQLException {
    if (!tablesReady) {
      createTables();
    }
    try (Connection c = settings.connect()) {
      c.setAutoCommit(false);
      try {
        if (ledger.contains(c, queryName, batchId)) {
          c.rollback();
          return -1;
        }
        long written = 0;
        List<RefusedRow> refusals = new ArrayList<>();
        try (PreparedStatement upsert = c.prepareStatement(settings.dialect().upsert(table))) {
          List<Row> chunk = new ArrayList<>(STATEMENT_BATCH);
          while (rows.hasNext()) {
            chunk.add(rows.next());
            if (chunk.size() == STATEMENT_BATCH || !rows.hasNext()) {
              written += writeChunk(c, upsert, chunk, refusals);
              chunk.clear();
            }
          }
        }
        if (!refusals.isEmpty()) {
          refused.accept(refusals);
        }
        ledger.record(c, queryName, batchId, LEDGER_RETAINED_BATCHES);
        c.commit();
        return written;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * One statement batch, undone to its savepoint if the database refuses a value in it and then
   * written row by row, each refused row set aside; returns the rows written.
   */
  private int writeChunk(
      Connection c, PreparedStatement upsert, List<Row> chunk, List<RefusedRow> refusals)
      throws SQLException {
    Savepoint beforeChunk = c.setSavepoint();
    try {
      for (Row row : chunk) {
        bindRow(upsert, row);
        upsert.addBatch();
      }
      upsert.executeBatch();
      return chunk.size();
    } catch (SQLException e) {
      if (!RefusedRow.isAboutValues(e)) {
        throw e;
      }
      c.rollback(beforeChunk);
      upsert.clearBatch();
    }
    int written = 0;
    for (Row row : chunk) {
      Savepoint beforeRow = c.setSavepoint();
      try {
        bindRow(upsert, row);
        upsert.executeUpdate();
        written++;
      } catch (SQLException e) {
        if (!RefusedRow.isAboutValues(e)) {
          throw e;
        }
        c.rollback(beforeRow);
        refusals.add(RefusedRow.of(row, table.name(), e));
      }
    }
    return written;
  }

  private void bindRow(PreparedStatement upsert, Row row) throws SQLException {
    List<Column> columns = table.columns();
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      bind(upsert, i + 1, column, row.getAs(column.name()));
    }
    bindKeyHashes(upsert, columns.size() + 1, row);
  }

  private static void bind(PreparedStatement ps, int index, Column column, Object value)
      throws SQLException {
    if (value == null) {
      // Our own rows are never null: a bug to fail the batch on, not a row to set aside.
      throw new SQLException("column " + column.name() + " is null in a result row");
    }
    switch (column.type()) {
      case INT -> ps.setInt(index, ((Number) value).intValue());
      case BIGINT -> ps.setLong(index, ((Number) value).longValue());
      case TEXT, NAME -> ps.setString(index, value.toString());
      case TIMESTAMP -> ps.setObject(index, utc(value));
    }
  }

  /** Binds the hash of each hashed key column's text, from {@code index} on. */
  private void bindKeyHashes(PreparedStatement ps, int index, Row row) throws SQLException {
    for (Column text : table.hashedKeyColumns()) {
      ps.setString(index++, TextKeyHash.of(row.getAs(text.name()).toString()));
    }
  }

  /** Timestamps are stored as UTC wall-clock time, whatever the JVM's zone. */
  static LocalDateTime utc(Object value) {
    Instant instant =
        value instanceof Timestamp ts
            ? ts.toInstant()
            : value instanceof Instant i ? i : Instant.parse(value.toString());
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
