package io.kspipeline.jobs.jdbc;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The SQL that differs between the databases we write to: column types and the upsert. */
public enum SqlDialect {
  H2 {
    @Override
    String upsert(TableSpec table) {
      return "MERGE INTO "
          + table.name()
          + " ("
          + names(table.columns())
          + ") KEY ("
          + names(table.keyColumns())
          + ") VALUES ("
          + placeholders(table.columns().size())
          + ")";
    }
  },
  POSTGRESQL {
    @Override
    String upsert(TableSpec table) {
      String insert = insert(table) + " ON CONFLICT (" + names(table.keyColumns()) + ") DO ";
      if (table.valueColumns().isEmpty()) {
        return insert + "NOTHING";
      }
      return insert
          + "UPDATE SET "
          + table.valueColumns().stream()
              .map(c -> c.name() + " = EXCLUDED." + c.name())
              .collect(Collectors.joining(", "));
    }
  },
  MYSQL {
    @Override
    String upsert(TableSpec table) {
      List<Column> updated =
          table.valueColumns().isEmpty() ? table.keyColumns().subList(0, 1) : table.valueColumns();
      return insert(table)
          + " ON DUPLICATE KEY UPDATE "
          + updated.stream()
              .map(c -> c.name() + " = VALUES(" + c.name() + ")")
              .collect(Collectors.joining(", "));
    }

    @Override
    String sqlType(Column.Type type) {
      // DATETIME, not TIMESTAMP: no implicit time-zone conversion, no 2038 limit, no auto-update.
      return type == Column.Type.TIMESTAMP ? "DATETIME(3)" : super.sqlType(type);
    }
  };

  /** The dialect of a JDBC URL; MariaDB and MySQL share one. */
  public static SqlDialect of(String jdbcUrl) {
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
      return MYSQL;
    }
    throw new IllegalArgumentException(
        "unsupported JDBC URL (use jdbc:h2:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:): "
            + jdbcUrl);
  }

  /** Insert-or-update of one row, by primary key, with one placeholder per column in order. */
  abstract String upsert(TableSpec table);

  String createTable(TableSpec table) {
    return "CREATE TABLE IF NOT EXISTS "
        + table.name()
        + " ("
        + table.columns().stream()
            .map(c -> c.name() + " " + sqlType(c.type()) + " NOT NULL")
            .collect(Collectors.joining(", "))
        + ", PRIMARY KEY ("
        + names(table.keyColumns())
        + "))";
  }

  String sqlType(Column.Type type) {
    return switch (type) {
      case INT -> "INT";
      case BIGINT -> "BIGINT";
      case TIMESTAMP -> "TIMESTAMP";
      case KEY_TEXT -> "VARCHAR(" + Column.KEY_TEXT_LENGTH + ")";
    };
  }

  static String insert(TableSpec table) {
    return "INSERT INTO "
        + table.name()
        + " ("
        + names(table.columns())
        + ") VALUES ("
        + placeholders(table.columns().size())
        + ")";
  }

  static String names(List<Column> columns) {
    return columns.stream().map(Column::name).collect(Collectors.joining(", "));
  }

  static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }
}
