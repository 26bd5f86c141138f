package io.kspipeline.jobs.jdbc;

import static io.kspipeline.jobs.jdbc.UrlHitsRows.hashesOf;
import static io.kspipeline.jobs.jdbc.UrlHitsRows.path;
import static io.kspipeline.jobs.jdbc.UrlHitsRows.rows;
import static io.kspipeline.jobs.jdbc.UrlHitsRows.stored;
import static io.kspipeline.jobs.jdbc.UrlHitsRows.storedHashes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A url_hits table the earlier version created (text key as it is) keeps working, upgraded. */
class JdbcUpsertSinkUpgradeTest {
  private static final String UNICODE = "/wiki/Ünïcødé_€_😀";
  private static final String LONGEST = path(8000, "x");
  private static final String WINDOW =
      "TIMESTAMP '2016-12-26 14:16:00', TIMESTAMP '2016-12-26 14:16:30'";

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldUpgradeATableOfTheEarlierVersionInPlace(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      execute(
          db,
          earlierUrlHits(kind),
          "CREATE TABLE pipeline_batches (query_name VARCHAR(512) NOT NULL,"
              + " batch_id BIGINT NOT NULL, PRIMARY KEY (query_name, batch_id))",
          "INSERT INTO url_hits VALUES (" + WINDOW + ", '/a', 3)",
          "INSERT INTO url_hits VALUES (" + WINDOW + ", '" + UNICODE + "', 2)",
          "INSERT INTO pipeline_batches VALUES ('top-urls', 7)",
          "CREATE VIEW top_urls_ranked AS SELECT window_start, window_end, endpoint, hits,"
              + " RANK() OVER (PARTITION BY window_start, window_end ORDER BY hits DESC)"
              + " AS hit_rank FROM url_hits");
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), UrlHitsRows.TABLE);

      sink.createTables();

      assertThat(stored(db)).containsExactlyInAnyOrderEntriesOf(Map.of("/a", 3L, UNICODE, 2L));
      assertThat(storedHashes(db))
          .containsExactlyInAnyOrderEntriesOf(hashesOf(List.of("/a", UNICODE)));
      assertThat(sink.write("top-urls", 7, rows(Map.of("/a", 99L)))).isEqualTo(-1);
      assertThat(sink.write("top-urls", 8, rows(Map.of(UNICODE, 5L, LONGEST, 1L, "/A", 4L))))
          .isEqualTo(3);
      Map<String, Long> afterUpdate = Map.of("/a", 3L, UNICODE, 5L, LONGEST, 1L, "/A", 4L);
      assertThat(stored(db)).containsExactlyInAnyOrderEntriesOf(afterUpdate);
      assertThat(ranked(db)).containsExactly(UNICODE, "/A", "/a", LONGEST);

      // The next start finds nothing to upgrade, and the job replaces its view as it always does.
      new JdbcUpsertSink(JdbcSettings.of(db.url()), UrlHitsRows.TABLE).createTables();
      sink.createRankedView("top_urls_ranked", "endpoint");
      assertThat(stored(db)).containsExactlyInAnyOrderEntriesOf(afterUpdate);
      assertThat(ranked(db)).containsExactly(UNICODE, "/A", "/a", LONGEST);
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldFinishAnUpgradeStoppedAfterTheHashColumnWasAdded(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      String hashType = SqlDialect.of(db.url()).hashType();
      execute(
          db,
          earlierUrlHits(kind),
          "INSERT INTO url_hits VALUES (" + WINDOW + ", '" + UNICODE + "', 2)",
          "ALTER TABLE url_hits ADD COLUMN endpoint_sha256 " + hashType);
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), UrlHitsRows.TABLE);

      sink.write("top-urls", 0, rows(Map.of(UNICODE, 6L, LONGEST, 1L)));

      assertThat(stored(db)).containsExactlyInAnyOrderEntriesOf(Map.of(UNICODE, 6L, LONGEST, 1L));
      assertThat(storedHashes(db))
          .containsExactlyInAnyOrderEntriesOf(hashesOf(List.of(UNICODE, LONGEST)));
    }
  }

  @Test
  void shouldSayWhatToRunWhenTheUpgradeFails() throws Exception {
    try (TestDatabase db = TestDatabase.create(DatabaseKind.H2)) {
      // A hash column of the wrong type: the stored text's hash cannot go in it.
      execute(
          db,
          earlierUrlHits(DatabaseKind.H2),
          "INSERT INTO url_hits VALUES (" + WINDOW + ", '/a', 3)",
          "ALTER TABLE url_hits ADD COLUMN endpoint_sha256 INT");
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), UrlHitsRows.TABLE);

      assertThatThrownBy(sink::createTables)
          .isInstanceOf(SQLException.class)
          .message()
          .doesNotContain("\n")
          .startsWith("cannot upgrade table url_hits for text keys of any length (")
          .endsWith(
              "); to upgrade it by hand, run: UPDATE url_hits SET endpoint_sha256 ="
                  + " RAWTOHEX(HASH('SHA-256', endpoint)) WHERE endpoint_sha256 IS NULL;"
                  + " ALTER TABLE url_hits DROP PRIMARY KEY;"
                  + " ALTER TABLE url_hits ALTER COLUMN endpoint_sha256 SET NOT NULL;"
                  + " ALTER TABLE url_hits ALTER COLUMN endpoint SET DATA TYPE CHARACTER VARYING;"
                  + " ALTER TABLE url_hits"
                  + " ADD PRIMARY KEY (window_start, window_end, endpoint_sha256)");
      assertThat(stored(db)).containsExactlyEntriesOf(Map.of("/a", 3L));
      assertThat(db.query("SELECT endpoint_sha256 FROM url_hits WHERE endpoint_sha256 IS NULL"))
          .hasSize(1);
    }
  }

  /** url_hits as the earlier version created it. */
  private static String earlierUrlHits(DatabaseKind kind) {
    String time = kind == DatabaseKind.MARIADB ? "DATETIME(3)" : "TIMESTAMP";
    return "CREATE TABLE url_hits (window_start "
        + time
        + " NOT NULL, window_end "
        + time
        + " NOT NULL, endpoint VARCHAR(512) NOT NULL, hits BIGINT NOT NULL,"
        + " PRIMARY KEY (window_start, window_end, endpoint))";
  }

  /** The view's endpoints, best ranked first. */
  private static List<String> ranked(TestDatabase db) {
    return db.query("SELECT endpoint FROM top_urls_ranked ORDER BY hit_rank").stream()
        .map(row -> (String) row.get("endpoint"))
        .toList();
  }

  private static void execute(TestDatabase db, String... statements) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }
}
