package io.kspipeline.testsupport.stream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * What one micro-batch of a {@link JobStream} emitted, after the sink's shaping: rows with a {@code
 * kind} column ({@code count}, {@code rank}, {@code late}, {@code dead}, ...).
 */
public record Batch(long id, List<Row> rows) {
  /** No batch ran. */
  public static final Batch NONE = new Batch(-1, List.of());

  /** The rows of one kind. */
  public List<Row> ofKind(String kind) {
    List<Row> out = new ArrayList<>();
    for (Row row : rows) {
      if (kind.equals(row.getAs("kind"))) {
        out.add(row);
      }
    }
    return out;
  }

  /** The values of a column in the rows of one kind, in row order. */
  public <T> List<T> column(String kind, String column) {
    List<T> out = new ArrayList<>();
    for (Row row : ofKind(kind)) {
      out.add(row.getAs(column));
    }
    return out;
  }

  /** The payloads (input values as UTF-8) of the rows of one kind: late records, dead letters. */
  public List<String> payloads(String kind) {
    List<String> out = new ArrayList<>();
    for (Row row : ofKind(kind)) {
      byte[] value = row.getAs("value");
      out.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public String toString() {
    if (id < 0) {
      return "no batch";
    }
    List<String> shown = new ArrayList<>();
    for (Row row : rows) {
      shown.add(describe(row));
    }
    shown.sort(null);
    return "batch " + id + " " + shown;
  }

  private static String describe(Row row) {
    List<String> fields = new ArrayList<>();
    for (String name : row.schema().fieldNames()) {
      Object value = row.getAs(name);
      if (value instanceof byte[] bytes) {
        value = new String(bytes, StandardCharsets.UTF_8);
      }
      if (value != null && !Arrays.asList("key", "touched").contains(name)) {
        fields.add(name + "=" + value);
      }
    }
    return String.join(",", fields);
  }
}
