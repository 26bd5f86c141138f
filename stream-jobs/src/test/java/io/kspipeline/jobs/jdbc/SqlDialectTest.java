package io.kspipeline.jobs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.dstream.PopularHashtagsCommand;
import io.kspipeline.jobs.structured.TopUrlsCommand;
import org.junit.jupiter.api.Test;

/** The DDL and upserts of the result tables, as each database gets them. */
class SqlDialectTest {
  private static final TableSpec URL_HITS = TopUrlsCommand.TABLE;
  private static final TableSpec POPULAR = PopularHashtagsCommand.TABLE;

  @Test
  void shouldKeyATextKeyByItsHashOnH2() {
    assertThat(SqlDialect.H2.createTable(URL_HITS))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS url_hits (window_start TIMESTAMP NOT NULL,"
                + " window_end TIMESTAMP NOT NULL, endpoint CHARACTER VARYING NOT NULL,"
                + " hits BIGINT NOT NULL, endpoint_sha256 CHAR(64) NOT NULL,"
                + " PRIMARY KEY (window_start, window_end, endpoint_sha256))");
    assertThat(SqlDialect.H2.upsert(URL_HITS))
        .isEqualTo(
            "MERGE INTO url_hits (window_start, window_end, endpoint, hits, endpoint_sha256)"
                + " KEY (window_start, window_end, endpoint_sha256) VALUES (?, ?, ?, ?, ?)");
  }

  @Test
  void shouldKeyATextKeyByItsHashOnPostgresql() {
    assertThat(SqlDialect.POSTGRESQL.createTable(URL_HITS))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS url_hits (window_start TIMESTAMP NOT NULL,"
                + " window_end TIMESTAMP NOT NULL, endpoint TEXT NOT NULL,"
                + " hits BIGINT NOT NULL, endpoint_sha256 CHAR(64) NOT NULL,"
                + " PRIMARY KEY (window_start, window_end, endpoint_sha256))");
    assertThat(SqlDialect.POSTGRESQL.upsert(URL_HITS))
        .isEqualTo(
            "INSERT INTO url_hits (window_start, window_end, endpoint, hits, endpoint_sha256)"
                + " VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (window_start, window_end, endpoint_sha256)"
                + " DO UPDATE SET hits = EXCLUDED.hits");
  }

  @Test
  void shouldKeyATextKeyByItsHashAndCompareTextExactlyOnMysql() {
    assertThat(SqlDialect.MYSQL.createTable(URL_HITS))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS url_hits (window_start DATETIME(3) NOT NULL,"
                + " window_end DATETIME(3) NOT NULL,"
                + " endpoint MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,"
                + " hits BIGINT NOT NULL,"
                + " endpoint_sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                + " PRIMARY KEY (window_start, window_end, endpoint_sha256))");
    assertThat(SqlDialect.MYSQL.upsert(URL_HITS))
        .isEqualTo(
            "INSERT INTO url_hits (window_start, window_end, endpoint, hits, endpoint_sha256)"
                + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE hits = VALUES(hits)");
  }

  @Test
  void shouldStoreTextThatIsNoKeyAsItIs() {
    assertThat(SqlDialect.POSTGRESQL.createTable(POPULAR))
        .isEqualTo(
            "CREATE TABLE IF NOT EXISTS popular_hashtags (slide_time TIMESTAMP NOT NULL,"
                + " rank INT NOT NULL, hashtag TEXT NOT NULL, hits BIGINT NOT NULL,"
                + " PRIMARY KEY (slide_time, rank))");
    assertThat(SqlDialect.POSTGRESQL.upsert(POPULAR))
        .isEqualTo(
            "INSERT INTO popular_hashtags (slide_time, rank, hashtag, hits) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (slide_time, rank)"
                + " DO UPDATE SET hashtag = EXCLUDED.hashtag, hits = EXCLUDED.hits");
  }

  @Test
  void shouldKeepTheLedgerAsTheEarlierVersionCreatedIt() {
    for (SqlDialect dialect : SqlDialect.values()) {
      assertThat(dialect.createTable(BatchLedger.TABLE))
          .isEqualTo(
              "CREATE TABLE IF NOT EXISTS pipeline_batches (query_name VARCHAR(512) NOT NULL,"
                  + " batch_id BIGINT NOT NULL, PRIMARY KEY (query_name, batch_id))");
    }
  }
}
