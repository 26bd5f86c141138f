package io.kspipeline.jobs.jdbc;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** A result table: its primary-key columns, then the columns an upsert overwrites. */
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
}
