package io.kspipeline.jobs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rows a database refuses are set aside with its reason and the rest of their batch commits, on
 * every database we support; other errors still fail the batch.
 */
class RefusedRowsTest {
  private static final TableSpec COUNTS =
      new TableSpec(
          "status_counts",
          List.of(Column.of("status", Column.Type.INT)),
          List.of(Column.of("hits", Column.Type.BIGINT)));
  private static final StructType COUNT_ROW =
      new StructType().add("status", DataTypes.IntegerType).add("hits", DataTypes.LongType);

  /** The table as an operator might have tightened it: no count of 1000 or more. */
  private static void createCheckedTable(TestDatabase db) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE status_counts (status INT NOT NULL,"
              + " hits BIGINT NOT NULL CHECK (hits < 1000), PRIMARY KEY (status))");
    }
  }

  private static Row row(int status, long hits) {
    return new GenericRowWithSchema(new Object[] {status, hits}, COUNT_ROW);
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldSetARefusedRowAsideAndCommitTheOthers(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      createCheckedTable(db);
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), COUNTS);
      List<RefusedRow> refused = new ArrayList<>();

      long written =
          sink.write(
              "q",
              0,
              List.of(row(200, 5), row(404, 5000), row(500, 2)).iterator(),
              refused::addAll);

      assertThat(written).isEqualTo(2);
      assertThat(counts(db)).isEqualTo(Map.of(200, 5L, 500, 2L));
      assertThat(refused).hasSize(1);
      assertThat(refused.get(0).row()).isEqualTo(row(404, 5000));
      assertThat(refused.get(0).table()).isEqualTo("status_counts");
      assertThat(refused.get(0).reason()).startsWith("SQLState 23");
      // The batch is in the ledger: a replay is skipped and refuses nothing again.
      List<RefusedRow> replayed = new ArrayList<>();
      assertThat(sink.write("q", 0, List.of(row(404, 5000)).iterator(), replayed::addAll))
          .isEqualTo(-1);
      assertThat(replayed).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldFindTheRefusedRowsAmongManyStatementBatches(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      createCheckedTable(db);
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), COUNTS);
      List<Row> rows = new ArrayList<>();
      Map<Integer, Long> expected = new TreeMap<>();
      List<Integer> refusedStatuses = List.of(7, 1500, 2999);
      for (int status = 0; status < 3000; status++) {
        long hits = refusedStatuses.contains(status) ? 1000 + status : status % 1000;
        rows.add(row(status, hits));
        if (!refusedStatuses.contains(status)) {
          expected.put(status, hits);
        }
      }
      List<RefusedRow> refused = new ArrayList<>();

      assertThat(sink.write("q", 0, rows.iterator(), refused::addAll)).isEqualTo(2997);

      assertThat(counts(db)).isEqualTo(expected);
      assertThat(refused.stream().map(r -> r.row().getInt(0)).toList()).isEqualTo(refusedStatuses);
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldFailTheBatchOnAnErrorThatIsNotAboutItsValues(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), COUNTS);
      sink.createTables();
      try (Connection c = db.connect();
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE status_counts");
      }
      List<RefusedRow> refused = new ArrayList<>();

      assertThatThrownBy(() -> sink.write("q", 0, List.of(row(200, 5)).iterator(), refused::addAll))
          .isInstanceOf(SQLException.class);
      assertThat(refused).isEmpty();
    }
  }

  private static Map<Integer, Long> counts(TestDatabase db) {
    Map<Integer, Long> counts = new TreeMap<>();
    for (Map<String, Object> row : db.query("SELECT status, hits FROM status_counts")) {
      counts.put(((Number) row.get("status")).intValue(), ((Number) row.get("hits")).longValue());
    }
    return counts;
  }
}
