package io.kspipeline.jobs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.TestDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The exactly-once JDBC sink on every database we support (servers when configured). */
class JdbcUpsertSinkTest {
  private static final TableSpec COUNTS =
      new TableSpec(
          "status_counts",
          List.of(Column.of("status", Column.Type.INT)),
          List.of(Column.of("hits", Column.Type.BIGINT)));
  private static final TableSpec WINDOWS =
      new TableSpec(
          "url_hits",
          List.of(
              Column.of("window_start", Column.Type.TIMESTAMP),
              Column.of("window_end", Column.Type.TIMESTAMP),
              Column.of("endpoint", Column.Type.TEXT)),
          List.of(Column.of("hits", Column.Type.BIGINT)));
  private static final StructType COUNT_ROW =
      new StructType().add("status", DataTypes.IntegerType).add("hits", DataTypes.LongType);
  private static final StructType WINDOW_ROW =
      new StructType()
          .add("window_start", DataTypes.TimestampType)
          .add("window_end", DataTypes.TimestampType)
          .add("endpoint", DataTypes.StringType)
          .add("hits", DataTypes.LongType);

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldUpsertAndSkipAReplayedBatch(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), COUNTS);

      assertThat(sink.write("q", 0, counts(200, 5, 404, 1))).isEqualTo(2);
      assertThat(sink.write("q", 1, counts(200, 7, 500, 2))).isEqualTo(2);
      // Spark replays batch 1 after a crash, with different content: the first commit stands.
      assertThat(sink.write("q", 1, counts(200, 99))).isEqualTo(-1);
      // Another query writing the same batch id is not confused with this one.
      assertThat(sink.write("other", 1, counts(302, 1))).isEqualTo(1);

      assertThat(db.query("SELECT status, hits FROM status_counts ORDER BY status"))
          .containsExactly(
              Map.of("status", 200, "hits", 7L),
              Map.of("status", 302, "hits", 1L),
              Map.of("status", 404, "hits", 1L),
              Map.of("status", 500, "hits", 2L));
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldTakeBatchIdsAnewOnceAQueryForgetsItsEarlierCheckpoint(DatabaseKind kind)
      throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), COUNTS);
      sink.createTables();
      sink.write("q", 0, counts(200, 5));
      sink.write("q", 1, counts(200, 7));
      sink.write("other", 0, counts(302, 1));

      // A new checkpoint numbers its batches from 0: without forgetting, they would be skipped.
      assertThat(sink.forgetBatches("q")).isEqualTo(2);
      assertThat(sink.write("q", 0, counts(200, 1, 404, 3))).isEqualTo(2);

      assertThat(sink.write("other", 0, counts(302, 9)))
          .as("other queries keep theirs")
          .isEqualTo(-1);
      assertThat(db.query("SELECT status, hits FROM status_counts ORDER BY status"))
          .containsExactly(
              Map.of("status", 200, "hits", 1L),
              Map.of("status", 302, "hits", 1L),
              Map.of("status", 404, "hits", 3L));
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldStoreWindowTimesAsUtcAndKeyOnTheWholeWindow(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), WINDOWS);
      Instant start = Instant.parse("2016-12-26T14:16:00Z");
      Instant end = Instant.parse("2016-12-26T14:16:30Z");

      sink.write(
          "w", 0, List.of(window(start, end, "/a", 3), window(start, end, "/b", 1)).iterator());
      sink.write("w", 1, List.<Row>of(window(start, end, "/a", 4)).iterator());

      LocalDateTime utcStart = LocalDateTime.parse("2016-12-26T14:16:00");
      LocalDateTime utcEnd = LocalDateTime.parse("2016-12-26T14:16:30");
      assertThat(
              db.query(
                  "SELECT window_start, window_end, endpoint, hits FROM url_hits ORDER BY endpoint"))
          .containsExactly(
              Map.of("window_start", utcStart, "window_end", utcEnd, "endpoint", "/a", "hits", 4L),
              Map.of("window_start", utcStart, "window_end", utcEnd, "endpoint", "/b", "hits", 1L));
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldRollBackTheWholeBatchWhenARowIsBad(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), COUNTS);
      Row bad = new GenericRowWithSchema(new Object[] {500, null}, COUNT_ROW);

      assertThatThrownBy(() -> sink.write("q", 0, List.of(row(200, 5), bad).iterator()))
          .hasMessageContaining("hits is null");

      assertThat(db.query("SELECT * FROM status_counts")).isEmpty();
      assertThat(sink.write("q", 0, counts(200, 5))).isEqualTo(1);
    }
  }

  private static Iterator<Row> counts(Object... statusAndHits) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < statusAndHits.length; i += 2) {
      rows.add(row((Integer) statusAndHits[i], ((Integer) statusAndHits[i + 1]).longValue()));
    }
    return rows.iterator();
  }

  private static Row row(int status, long hits) {
    return new GenericRowWithSchema(new Object[] {status, hits}, COUNT_ROW);
  }

  private static Row window(Instant start, Instant end, String endpoint, long hits) {
    return new GenericRowWithSchema(
        new Object[] {Timestamp.from(start), Timestamp.from(end), endpoint, hits}, WINDOW_ROW);
  }
}
