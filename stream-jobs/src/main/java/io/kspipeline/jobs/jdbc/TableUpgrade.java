package io.kspipeline.jobs.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a table an earlier version created up to its {@link TableSpec}: each text key gets its
 * {@link TextKeyHash} column, filled from the stored text, the primary key holds the hash instead
 * of the text, and text columns narrower than {@link Column#TEXT_MIN_LENGTH} are widened.
 *
 * <p>The statements run in one transaction. PostgreSQL applies them all or none; H2 and MariaDB
 * commit at each ALTER TABLE, but the plan is made from what the table holds now, so a start after
 * an interrupted upgrade finishes it.
 */
final class TableUpgrade {
  private static final Logger LOG = LoggerFactory.getLogger(TableUpgrade.class);

  private final List<String> statements;
  private final List<String> changes;

  private TableUpgrade(List<String> statements, List<String> changes) {
    this.statements = List.copyOf(statements);
    this.changes = List.copyOf(changes);
  }

  /** Upgrades the table in place if an earlier version created it; logs what changed. */
  static void applyIfNeeded(Connection c, SqlDialect dialect, TableSpec table) throws SQLException {
    if (table.columns().stream().noneMatch(col -> col.type() == Column.Type.TEXT)) {
      return;
    }
    TableLayout layout = TableLayout.read(c, table.name());
    TableUpgrade upgrade = plan(dialect, table, layout, DependentViews.NONE);
    if (upgrade.isNeeded() && dialect.viewsBlockColumnTypeChange()) {
      upgrade = plan(dialect, table, layout, DependentViews.read(c, table.name()));
    }
    if (upgrade.isNeeded()) {
      upgrade.run(c, table.name());
    }
  }

  /** The statements that bring a table with this layout up to its spec, none if it is. */
  static TableUpgrade plan(
      SqlDialect dialect, TableSpec table, TableLayout layout, DependentViews views) {
    Steps steps = new Steps(dialect, table.name());
    boolean newKey = !layout.primaryKey().equals(lowerCase(table.primaryKey()));
    if (newKey && layout.primaryKeyName() != null) {
      steps.actions.add(dialect.dropPrimaryKey(layout.primaryKeyName()));
    }
    for (Column text : table.hashedKeyColumns()) {
      steps.hash(text, layout.column(TextKeyHash.columnOf(text)));
    }
    for (Column column : table.columns()) {
      TableLayout.StoredColumn stored = layout.column(column.name());
      if (column.type() == Column.Type.TEXT
          && stored != null
          && stored.size() < Column.TEXT_MIN_LENGTH) {
        steps.widen(column);
      }
    }
    if (newKey) {
      String key = "(" + String.join(", ", table.primaryKey()) + ")";
      steps.actions.add("ADD PRIMARY KEY " + key);
      steps.changes.add("primary key (" + String.join(", ", layout.primaryKey()) + ") -> " + key);
    }
    return steps.upgrade(views);
  }

  boolean isNeeded() {
    return !statements.isEmpty();
  }

  List<String> statements() {
    return statements;
  }

  private void run(Connection c, String table) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
      c.commit();
    } catch (SQLException e) {
      c.rollback();
      // Say what to run, e.g. for a database administrator when the job's user may not ALTER.
      throw new SQLException(
          "cannot upgrade table "
              + table
              + " for text keys of any length ("
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + "); to upgrade it by hand, run: "
              + String.join("; ", statements),
          e.getSQLState(),
          e);
    } finally {
      c.setAutoCommit(autoCommit);
    }
    LOG.info(
        "upgraded table {} for text keys of any length: {}", table, String.join("; ", changes));
  }

  private static List<String> lowerCase(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }

  /** An upgrade gathered step by step: statements before one ALTER TABLE, and its actions. */
  private static final class Steps {
    final SqlDialect dialect;
    final String table;
    final List<String> before = new ArrayList<>();
    final List<String> actions = new ArrayList<>();
    final List<String> changes = new ArrayList<>();
    boolean widens;

    Steps(SqlDialect dialect, String table) {
      this.dialect = dialect;
      this.table = table;
    }

    /** Adds a text key's hash column if missing, fills it where empty, makes it NOT NULL. */
    void hash(Column text, TableLayout.StoredColumn stored) {
      String hash = TextKeyHash.columnOf(text);
      if (stored != null && !stored.nullable()) {
        return;
      }
      if (stored == null) {
        before.add("ALTER TABLE " + table + " ADD COLUMN " + hash + " " + dialect.hashType());
        changes.add("added " + hash + " (SHA-256 of " + text.name() + ")");
      } else {
        changes.add("filled " + hash);
      }
      before.add(
          "UPDATE "
              + table
              + " SET "
              + hash
              + " = "
              + dialect.hashOf(text.name())
              + " WHERE "
              + hash
              + " IS NULL");
      actions.add(dialect.setNotNull(hash, dialect.hashType()));
    }

    void widen(Column text) {
      actions.add(dialect.changeType(text.name(), dialect.textType()));
      changes.add("widened " + text.name() + " to " + dialect.textType());
      widens = true;
    }

    TableUpgrade upgrade(DependentViews views) {
      List<String> statements = new ArrayList<>(before);
      boolean recreateViews = widens && !views.isEmpty();
      if (recreateViews) {
        statements.add(views.drop());
      }
      if (!actions.isEmpty()) {
        statements.addAll(dialect.alterTable(table, actions));
      }
      if (recreateViews) {
        statements.addAll(views.create());
        changes.add("recreated views " + views.names() + " (grants on them are not kept)");
      }
      return new TableUpgrade(statements, changes);
    }
  }
}
