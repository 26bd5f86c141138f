package io.kspipeline.jobs.avro;

import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.transform_values;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.KnownNotNull;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Declares a column's values non-null where a type says so. spark-avro's PERMISSIVE mode types
 * every field of its result nullable, since a body it cannot decode gives nulls; once such rows are
 * set aside, the records it decoded are retyped here as the generic decoder types them, required
 * Avro fields non-null.
 */
final class ColumnNullability {
  private ColumnNullability() {}

  /**
   * The column, whose type differs from {@code type} at most in nullability, typed as {@code type}.
   * Only sound where the values declared non-null are never null.
   */
  static Column as(Column column, DataType type, boolean nullable) {
    Column typed;
    if (type instanceof StructType struct) {
      StructField[] fields = struct.fields();
      Column[] values = new Column[fields.length];
      for (int i = 0; i < fields.length; i++) {
        StructField f = fields[i];
        values[i] = as(column.getField(f.name()), f.dataType(), f.nullable()).as(f.name());
      }
      // A struct built of fields is never null itself: keep a null record null.
      return nullable ? when(column.isNotNull(), struct(values)) : struct(values);
    } else if (type instanceof ArrayType array) {
      typed = transform(column, item -> as(item, array.elementType(), array.containsNull()));
    } else if (type instanceof MapType map) {
      typed =
          transform_values(
              column, (key, value) -> as(value, map.valueType(), map.valueContainsNull()));
    } else {
      typed = column;
    }
    return nullable ? typed : new Column(new KnownNotNull(typed.expr()));
  }
}
