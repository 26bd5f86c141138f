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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify --db-outage --jdbc-url} on a PostgreSQL server that keeps running: the proxy
 * between it and the jobs cuts their connections for 10 s under status-counts' last run. As on
 * verify's own H2, the job retries and its table ends equal to the truth. Skipped unless {@code
 * PIPELINE_TEST_POSTGRES_URL} gives the server.
 */
class VerifyPostgresOutageIT {
  private static final Pattern SCHEMA_LINE =
      Pattern.compile("verify: the job's tables are in schema (verify_\\w+) at ");

  @TempDir Path work;

  @Test
  void shouldRetryTheWritesThroughTheProxysOutageAndLoseNothing() throws IOException, SQLException {
    DatabaseKind kind = DatabaseKind.POSTGRESQL;
    String url = kind.configuredUrl();
    Assumptions.assumeTrue(
        url != null, () -> "skipped: set " + kind.urlVariable() + " to a PostgreSQL JDBC URL");

    PipelineRun run = VerifyDatabaseOutageIT.retriesThroughTheOutage(work, "--jdbc-url", url);

    Matcher schema = SCHEMA_LINE.matcher(run.printed());
    assertThat(schema.find()).as("the line naming the run's schema").isTrue();
    // Verify keeps the schema as evidence; a passed test needs none, and the server is shared.
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA " + schema.group(1) + " CASCADE");
    }
  }
}
