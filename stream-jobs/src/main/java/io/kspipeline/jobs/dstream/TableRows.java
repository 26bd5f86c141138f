package io.kspipeline.jobs.dstream;

import io.kspipeline.jobs.jdbc.Column;
import io.kspipeline.jobs.jdbc.TableSpec;
import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Rows of a result table for its {@link io.kspipeline.jobs.jdbc.JdbcUpsertSink}, which reads row
 * fields by column name: values given in the table's column order, key columns first.
 */
final class TableRows implements Serializable {
  private final StructType schema;

  TableRows(TableSpec table) {
    StructType fields = new StructType();
    for (Column column : table.columns()) {
      fields = fields.add(column.name(), typeOf(column.type()), false);
    }
    this.schema = fields;
  }

  Row of(Object... values) {
    if (values.length != schema.size()) {
      throw new IllegalArgumentException(
          "a row of " + schema.simpleString() + " has " + schema.size() + " values");
    }
    return new GenericRowWithSchema(values, schema);
  }

  private static DataType typeOf(Column.Type type) {
    return switch (type) {
      case INT -> DataTypes.IntegerType;
      case BIGINT -> DataTypes.LongType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case TEXT, NAME -> DataTypes.StringType;
    };
  }
}
