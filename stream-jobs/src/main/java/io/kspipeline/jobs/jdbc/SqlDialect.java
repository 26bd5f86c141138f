package io.kspipeline.jobs.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The SQL that differs between the databases we write to: column types, upsert, upgrades. */
public enum SqlDialect {
  H2 {
    @Override
    String upsert(TableSpec table) {
      // MERGE writes every column, but a hashed key's text is the same whenever its hash is.
      return "MERGE INTO "
          + table.name()
          + " ("
          + String.join(", ", table.boundColumns())
          + ") KEY ("
          + primaryKey(table)
          + ") VALUES ("
          + placeholders(table.boundColumns().size())
          + ")";
    }

    @Override
    String textType() {
      // Without a length: H2's maximum, a billion characters, stored inline like any string.
      return "CHARACTER VARYING";
    }

    @Override
    String hashOf(String textColumn) {
      // H2 hashes a character string as its UTF-8 bytes; RAWTOHEX writes lowercase hex.
      return "RAWTOHEX(HASH('SHA-256', " + textColumn + "))";
    }

    @Override
    List<String> alterTable(String table, List<String> actions) {
      // H2 takes one action per ALTER TABLE.
      return actions.stream().map(a -> "ALTER TABLE " + table + " " + a).toList();
    }
  },
  POSTGRESQL {
    @Override
    String upsert(TableSpec table) {
      String insert = insert(table) + " ON CONFLICT (" + primaryKey(table) + ") DO ";
      if (table.valueColumns().isEmpty()) {
        return insert + "NOTHING";
      }
      return insert
          + "UPDATE SET "
          + table.valueColumns().stream()
              .map(c -> c.name() + " = EXCLUDED." + c.name())
              .collect(Collectors.joining(", "));
    }

    @Override
    String textType() {
      return "TEXT";
    }

    @Override
    String hashOf(String textColumn) {
      return "encode(sha256(convert_to(" + textColumn + ", 'UTF8')), 'hex')";
    }

    @Override
    String dropPrimaryKey(String constraintName) {
      return "DROP CONSTRAINT " + constraintName;
    }

    @Override
    boolean viewsBlockColumnTypeChange() {
      return true;
    }
  },
  MYSQL {
    @Override
    String upsert(TableSpec table) {
      List<String> updated =
          table.valueColumns().isEmpty()
              ? table.primaryKey().subList(0, 1)
              : table.valueColumns().stream().map(Column::name).toList();
      return insert(table)
          + " ON DUPLICATE KEY UPDATE "
          + updated.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
    }

    @Override
    String sqlType(Column.Type type) {
      // DATETIME, not TIMESTAMP: no implicit time-zone conversion, no 2038 limit, no auto-update.
      return type == Column.Type.TIMESTAMP ? "DATETIME(3)" : super.sqlType(type);
    }

    @Override
    String textType() {
      // Binary collation: the default one is case-insensitive and would make '/A' equal '/a'.
      return "MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
    }

    @Override
    String hashType() {
      return super.hashType() + " CHARACTER SET ascii COLLATE ascii_bin";
    }

    @Override
    String hashOf(String textColumn) {
      return "SHA2(CONVERT(" + textColumn + " USING utf8mb4), 256)";
    }

    @Override
    String changeType(String column, String type) {
      return "MODIFY " + column + " " + type + " NOT NULL";
    }

    @Override
    String setNotNull(String column, String type) {
      return changeType(column, type);
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

  /**
   * Insert-or-update of one row by primary key, with one placeholder per {@link
   * TableSpec#boundColumns()} in order. The update leaves the key columns as they are.
   */
  abstract String upsert(TableSpec table);

  /** Text of any length that compares exactly (case-sensitively). */
  abstract String textType();

  /** SQL computing the {@link TextKeyHash} of a text column. */
  abstract String hashOf(String textColumn);

  String createTable(TableSpec table) {
    List<String> definitions = new ArrayList<>();
    table.columns().forEach(c -> definitions.add(c.name() + " " + sqlType(c.type()) + " NOT NULL"));
    table
        .hashedKeyColumns()
        .forEach(c -> definitions.add(TextKeyHash.columnOf(c) + " " + hashType() + " NOT NULL"));
    return "CREATE TABLE IF NOT EXISTS "
        + table.name()
        + " ("
        + String.join(", ", definitions)
        + ", PRIMARY KEY ("
        + primaryKey(table)
        + "))";
  }

  String sqlType(Column.Type type) {
    return switch (type) {
      case INT -> "INT";
      case BIGINT -> "BIGINT";
      case TIMESTAMP -> "TIMESTAMP";
      case TEXT -> textType();
      case NAME -> "VARCHAR(" + Column.NAME_LENGTH + ")";
    };
  }

  String hashType() {
    return "CHAR(" + TextKeyHash.LENGTH + ")";
  }

  /** The ALTER TABLE action giving a NOT NULL column another type. */
  String changeType(String column, String type) {
    return "ALTER COLUMN " + column + " SET DATA TYPE " + type;
  }

  /** The ALTER TABLE action making a column of this type NOT NULL. */
  String setNotNull(String column, String type) {
    return "ALTER COLUMN " + column + " SET NOT NULL";
  }

  String dropPrimaryKey(String constraintName) {
    return "DROP PRIMARY KEY";
  }

  /** The statements applying ALTER TABLE actions, all in one where the database allows it. */
  List<String> alterTable(String table, List<String> actions) {
    return List.of("ALTER TABLE " + table + " " + String.join(", ", actions));
  }

  /** Whether a column's type cannot change while a view reads it (then views are recreated). */
  boolean viewsBlockColumnTypeChange() {
    return false;
  }

  static String insert(TableSpec table) {
    return "INSERT INTO "
        + table.name()
        + " ("
        + String.join(", ", table.boundColumns())
        + ") VALUES ("
        + placeholders(table.boundColumns().size())
        + ")";
  }

  static String primaryKey(TableSpec table) {
    return String.join(", ", table.primaryKey());
  }

  static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }
}
