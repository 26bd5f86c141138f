package io.kspipeline.jobs.common.divert;

import io.kspipeline.jobs.jdbc.RefusedRow;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Result rows a table refused, in the Kafka-shaped form dead letters are made from: the row as JSON
 * for payload, {@code table <name>} for location, the database's reason for error.
 */
public final class RefusedRows {
  /** The error class dead letters of refused rows carry. */
  public static final String ERROR_CLASS = "RefusedByDatabase";

  private RefusedRows() {}

  /** The refused rows (a handful on the driver) as a small dataset. */
  public static Dataset<Row> asDeadLetterRows(SparkSession spark, List<RefusedRow> refused) {
    List<Row> rows = new ArrayList<>(refused.size());
    for (RefusedRow r : refused) {
      rows.add(
          DeadLetterRows.of(
              null,
              r.row().json().getBytes(StandardCharsets.UTF_8),
              "table " + r.table(),
              -1,
              -1L,
              null,
              ERROR_CLASS,
              r.reason()));
    }
    return spark.createDataFrame(rows, DeadLetterRows.SHAPE);
  }
}
