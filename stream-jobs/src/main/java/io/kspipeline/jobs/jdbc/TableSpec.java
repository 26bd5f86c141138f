package io.kspipeline.jobs.jdbc;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A result table: its key columns, then the columns an upsert overwrites. A {@link
 * Column.Type#TEXT} key column is stored as it is and keyed by its {@link TextKeyHash} column.
 */
public record TableSpec(String name, List<Column> keyColumns, List<Column> valueColumns)
    implements Serializable {

  public TableSpec {
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain SQL table name: " + name);
    }
    if (keyColumns.isEmpty()) {
      throw new IllegalArgumentException(name + " needs a primary key");
    }
    keyColumns = List.copyOf(keyColumns);
    valueColumns = List.copyOf(valueColumns);
  }

  /** Key columns then value columns: the order rows are bound in. */
  public List<Column> columns() {
    List<Column> all = new ArrayList<>(keyColumns);
    all.addAll(valueColumns);
    return all;
  }

  /** The key columns the primary key holds by their hash. */
  public List<Column> hashedKeyColumns() {
    return keyColumns.stream().filter(c -> c.type() == Column.Type.TEXT).toList();
  }

  /** The primary key: the key columns, each hashed one by its hash column. */
  public List<String> primaryKey() {
    return keyColumns.stream()
        .map(c -> c.type() == Column.Type.TEXT ? TextKeyHash.columnOf(c) : c.name())
        .toList();
  }

  /** The columns an upsert binds, in order: {@link #columns()}, then the hash columns. */
  public List<String> boundColumns() {
    List<String> names = new ArrayList<>(columns().stream().map(Column::name).toList());
    hashedKeyColumns().forEach(c -> names.add(TextKeyHash.columnOf(c)));
    return names;
  }
}
