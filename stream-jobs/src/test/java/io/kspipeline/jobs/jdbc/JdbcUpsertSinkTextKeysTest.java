package io.kspipeline.jobs.jdbc;

import static io.kspipeline.jobs.jdbc.UrlHitsRows.hashesOf;
import static io.kspipeline.jobs.jdbc.UrlHitsRows.path;
import static io.kspipeline.jobs.jdbc.UrlHitsRows.rows;
import static io.kspipeline.jobs.jdbc.UrlHitsRows.stored;
import static io.kspipeline.jobs.jdbc.UrlHitsRows.storedHashes;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.testsupport.DatabaseKind;
import io.kspipeline.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Text keys of any length, kept exactly, on every database we support (servers when set). */
class JdbcUpsertSinkTextKeysTest {
  /** Longer than the 512 characters text keys had. */
  private static final String LONG = path(600, "a");

  /** The same as {@link #LONG} but for its last character. */
  private static final String LONG_OTHER = LONG.substring(0, 599) + "b";

  /** As long as a request line Apache accepts. */
  private static final String LONGEST = path(8000, "x");

  /** 8,000 characters of two UTF-8 bytes each. */
  private static final String LONGEST_ACCENTED = path(8000, "é");

  private static final String UNICODE = "/wiki/Ünïcødé_€_😀";

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldUpsertTextKeysOfAnyLengthAndReadThemBackExactly(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), UrlHitsRows.TABLE);

      assertThat(
              sink.write(
                  "top-urls",
                  0,
                  rows(
                      Map.of(
                          LONG,
                          1L,
                          LONG_OTHER,
                          2L,
                          LONGEST,
                          3L,
                          LONGEST_ACCENTED,
                          4L,
                          UNICODE,
                          5L,
                          "/A",
                          6L,
                          "/a",
                          7L))))
          .isEqualTo(7);
      assertThat(
              sink.write(
                  "top-urls",
                  1,
                  rows(Map.of(LONG, 10L, LONGEST, 30L, LONGEST_ACCENTED, 40L, UNICODE, 50L))))
          .isEqualTo(4);

      assertThat(stored(db))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  LONG,
                  10L,
                  LONG_OTHER,
                  2L,
                  LONGEST,
                  30L,
                  LONGEST_ACCENTED,
                  40L,
                  UNICODE,
                  50L,
                  "/A",
                  6L,
                  "/a",
                  7L));
      assertThat(storedHashes(db))
          .containsExactlyInAnyOrderEntriesOf(
              hashesOf(List.of(LONG, LONG_OTHER, LONGEST, LONGEST_ACCENTED, UNICODE, "/A", "/a")));
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void shouldCompareTheTextCaseSensitively(DatabaseKind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      JdbcUpsertSink sink = new JdbcUpsertSink(JdbcSettings.of(db.url()), UrlHitsRows.TABLE);
      sink.write("top-urls", 0, rows(Map.of("/A", 1L, "/a", 2L)));

      assertThat(db.query("SELECT endpoint, hits FROM url_hits WHERE endpoint = '/a'"))
          .containsExactly(Map.of("endpoint", "/a", "hits", 2L));
      assertThat(db.query("SELECT COUNT(DISTINCT endpoint) AS endpoints FROM url_hits"))
          .containsExactly(Map.of("endpoints", 2L));
    }
  }
}
