package io.kspipeline.jobs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.dstream.PopularHashtagsCommand;
import io.kspipeline.jobs.jdbc.TableLayout.StoredColumn;
import io.kspipeline.jobs.structured.TopUrlsCommand;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The statements that upgrade a url_hits table of the earlier version, per database. */
class TableUpgradeTest {
  private static final TableSpec URL_HITS = TopUrlsCommand.TABLE;
  private static final StoredColumn TIME = new StoredColumn(26, false);
  private static final StoredColumn HITS = new StoredColumn(19, false);
  private static final List<String> EARLIER_KEY = List.of("window_start", "window_end", "endpoint");
  private static final DependentViews RANKED_VIEW =
      new DependentViews(
          List.of(new DependentViews.View("top_urls_ranked", "SELECT endpoint FROM url_hits")));

  @Test
  void shouldHashTheKeyAndWidenTheTextOnH2() {
    TableUpgrade upgrade =
        TableUpgrade.plan(SqlDialect.H2, URL_HITS, earlier("CONSTRAINT_8"), DependentViews.NONE);

    assertThat(upgrade.statements())
        .containsExactly(
            "ALTER TABLE url_hits ADD COLUMN endpoint_sha256 CHAR(64)",
            "UPDATE url_hits SET endpoint_sha256 = RAWTOHEX(HASH('SHA-256', endpoint))"
                + " WHERE endpoint_sha256 IS NULL",
            "ALTER TABLE url_hits DROP PRIMARY KEY",
            "ALTER TABLE url_hits ALTER COLUMN endpoint_sha256 SET NOT NULL",
            "ALTER TABLE url_hits ALTER COLUMN endpoint SET DATA TYPE CHARACTER VARYING",
            "ALTER TABLE url_hits ADD PRIMARY KEY (window_start, window_end, endpoint_sha256)");
  }

  @Test
  void shouldChangeTheTableAndRecreateItsViewsInOneAlterOnPostgresql() {
    TableUpgrade upgrade =
        TableUpgrade.plan(SqlDialect.POSTGRESQL, URL_HITS, earlier("url_hits_pkey"), RANKED_VIEW);

    assertThat(upgrade.statements())
        .containsExactly(
            "ALTER TABLE url_hits ADD COLUMN endpoint_sha256 CHAR(64)",
            "UPDATE url_hits SET endpoint_sha256 = encode(sha256(convert_to(endpoint, 'UTF8')),"
                + " 'hex') WHERE endpoint_sha256 IS NULL",
            "DROP VIEW top_urls_ranked",
            "ALTER TABLE url_hits DROP CONSTRAINT url_hits_pkey,"
                + " ALTER COLUMN endpoint_sha256 SET NOT NULL,"
                + " ALTER COLUMN endpoint SET DATA TYPE TEXT,"
                + " ADD PRIMARY KEY (window_start, window_end, endpoint_sha256)",
            "CREATE VIEW top_urls_ranked AS SELECT endpoint FROM url_hits");
  }

  @Test
  void shouldChangeTheTableInOneAlterOnMysql() {
    TableUpgrade upgrade =
        TableUpgrade.plan(SqlDialect.MYSQL, URL_HITS, earlier("PRIMARY"), DependentViews.NONE);

    assertThat(upgrade.statements())
        .containsExactly(
            "ALTER TABLE url_hits ADD COLUMN endpoint_sha256"
                + " CHAR(64) CHARACTER SET ascii COLLATE ascii_bin",
            "UPDATE url_hits SET endpoint_sha256 = SHA2(CONVERT(endpoint USING utf8mb4), 256)"
                + " WHERE endpoint_sha256 IS NULL",
            "ALTER TABLE url_hits DROP PRIMARY KEY,"
                + " MODIFY endpoint_sha256 CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
                + " MODIFY endpoint MEDIUMTEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,"
                + " ADD PRIMARY KEY (window_start, window_end, endpoint_sha256)");
  }

  @Test
  void shouldFinishAnUpgradeThatStoppedAfterDroppingThePrimaryKey() {
    TableLayout interrupted =
        new TableLayout(
            Map.of(
                "window_start", TIME,
                "window_end", TIME,
                "endpoint", new StoredColumn(1_000_000_000, false),
                "hits", HITS,
                "endpoint_sha256", new StoredColumn(64, true)),
            null,
            List.of());

    TableUpgrade upgrade =
        TableUpgrade.plan(SqlDialect.H2, URL_HITS, interrupted, DependentViews.NONE);

    assertThat(upgrade.statements())
        .containsExactly(
            "UPDATE url_hits SET endpoint_sha256 = RAWTOHEX(HASH('SHA-256', endpoint))"
                + " WHERE endpoint_sha256 IS NULL",
            "ALTER TABLE url_hits ALTER COLUMN endpoint_sha256 SET NOT NULL",
            "ALTER TABLE url_hits ADD PRIMARY KEY (window_start, window_end, endpoint_sha256)");
  }

  @Test
  void shouldWidenTextThatIsNoKey() {
    TableLayout earlier =
        new TableLayout(
            Map.of(
                "slide_time",
                TIME,
                "rank",
                new StoredColumn(10, false),
                "hashtag",
                new StoredColumn(512, false),
                "hits",
                HITS),
            "popular_hashtags_pkey",
            List.of("slide_time", "rank"));

    TableUpgrade upgrade =
        TableUpgrade.plan(
            SqlDialect.POSTGRESQL, PopularHashtagsCommand.TABLE, earlier, DependentViews.NONE);

    assertThat(upgrade.statements())
        .containsExactly("ALTER TABLE popular_hashtags ALTER COLUMN hashtag SET DATA TYPE TEXT");
  }

  @Test
  void shouldLeaveATableOfThisVersionAsItIs() {
    TableLayout current =
        new TableLayout(
            Map.of(
                "window_start", TIME,
                "window_end", TIME,
                "endpoint", new StoredColumn(Integer.MAX_VALUE, false),
                "hits", HITS,
                "endpoint_sha256", new StoredColumn(64, false)),
            "url_hits_pkey",
            List.of("window_start", "window_end", "endpoint_sha256"));

    for (SqlDialect dialect : SqlDialect.values()) {
      assertThat(TableUpgrade.plan(dialect, URL_HITS, current, RANKED_VIEW).isNeeded())
          .as(dialect.name())
          .isFalse();
    }
  }

  /** url_hits as the earlier version created it: the text key as it is, VARCHAR(512). */
  private static TableLayout earlier(String primaryKeyName) {
    return new TableLayout(
        Map.of(
            "window_start", TIME,
            "window_end", TIME,
            "endpoint", new StoredColumn(512, false),
            "hits", HITS),
        primaryKeyName,
        EARLIER_KEY);
  }
}
