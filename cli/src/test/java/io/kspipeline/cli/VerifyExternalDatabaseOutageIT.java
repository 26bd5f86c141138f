package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.testsupport.DatabaseKind;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code verify --db-outage --jdbc-url} on a PostgreSQL or MariaDB server that keeps running: the
 * proxy between it and the jobs cuts their connections for 10 s under status-counts' last run. As
 * on verify's own H2, the job retries and its table ends equal to the truth. Each server is skipped
 * unless its variable ({@code PIPELINE_TEST_POSTGRES_URL}, {@code PIPELINE_TEST_MARIADB_URL}) gives
 * it.
 */
class VerifyExternalDatabaseOutageIT {
  /** PostgreSQL isolates the run in a schema, MariaDB in a database. */
  private static final Pattern RUN_SCHEMA_LINE =
      Pattern.compile("verify: the job's tables are in (schema|database) (verify_\\w+) at ");

  @TempDir Path work;

  @ParameterizedTest
  @EnumSource(
      value = DatabaseKind.class,
      names = {"POSTGRESQL", "MARIADB"})
  void shouldRetryTheWritesThroughTheProxysOutageAndLoseNothing(DatabaseKind kind)
      throws IOException, SQLException {
    String url = kind.configuredUrl();
    Assumptions.assumeTrue(
        url != null, () -> "skipped: set " + kind.urlVariable() + " to its server's JDBC URL");

    PipelineRun run = VerifyDatabaseOutageIT.retriesThroughTheOutage(work, "--jdbc-url", url);

    Matcher schema = RUN_SCHEMA_LINE.matcher(run.printed());
    assertThat(schema.find()).as("the line naming the run's schema").isTrue();
    // Verify keeps the schema as evidence; a passed test needs none, and the server is shared.
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(
          kind == DatabaseKind.POSTGRESQL
              ? "DROP SCHEMA " + schema.group(2) + " CASCADE"
              : "DROP DATABASE " + schema.group(2));
    }
  }
}
