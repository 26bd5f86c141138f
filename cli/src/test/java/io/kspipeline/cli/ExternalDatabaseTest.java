package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A --jdbc-url server isolated for a run, on an H2 TCP server standing in for one. */
class ExternalDatabaseTest {
  private Server server;
  private String serverUrl;

  @BeforeEach
  void start() throws SQLException {
    server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    serverUrl = "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:external;DB_CLOSE_DELAY=-1";
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void shouldPutTheJobsTablesInASchemaOfTheRunsOwnThroughTheProxy() throws Exception {
    try (ExternalDatabase database = ExternalDatabase.isolated(serverUrl, "verify_test1")) {
      assertThat(database.jobsUrl())
          .doesNotContain(":" + server.getPort() + "/")
          .endsWith(";SCHEMA=verify_test1");
      execute(database.jobsUrl(), "CREATE TABLE status_counts (status INT, hits BIGINT)");
      try (Connection c = DriverManager.getConnection(database.directUrl())) {
        assertThat(CurrentSchema.table(c, "status_counts")).contains("STATUS_COUNTS");
      }
      try (Connection c = DriverManager.getConnection(serverUrl);
          ResultSet rs = c.getMetaData().getTables(null, "VERIFY_TEST1", "STATUS_COUNTS", null)) {
        assertThat(rs.next()).as("the table in the run's schema").isTrue();
      }
      assertThat(database.location())
          .isEqualTo(
              "schema verify_test1 at jdbc:h2:tcp://localhost:"
                  + server.getPort()
                  + "/mem:external");
    }
  }

  @Test
  void shouldCutTheJobsOffAndLetThemInAgain() throws Exception {
    try (ExternalDatabase database = ExternalDatabase.isolated(serverUrl, "verify_test2")) {
      database.stop();
      assertThat(reachable(database.jobsUrl())).as("the jobs' URL in the outage").isFalse();
      assertThat(reachable(database.directUrl())).as("verify's own URL in the outage").isTrue();
      database.restart();
      assertThat(reachable(database.jobsUrl())).as("the jobs' URL after it").isTrue();
    }
  }

  @Test
  void shouldRefuseAUrlWithoutOneServerToProxy() {
    assertThat(ExternalDatabase.refusal("jdbc:postgresql://db:5432/test?user=postgres")).isNull();
    assertThat(ExternalDatabase.refusal("jdbc:mariadb://db/test")).isNull();
    assertThat(ExternalDatabase.refusal("jdbc:h2:tcp://localhost:9092/~/test")).isNull();
    assertThat(ExternalDatabase.refusal("jdbc:h2:file:/tmp/test"))
        .contains("--jdbc-url takes a database server's URL");
    assertThat(ExternalDatabase.refusal("jdbc:postgresql://a:5432,b:5432/test"))
        .contains("must name one server");
  }

  private static boolean reachable(String url) {
    try (Connection c = DriverManager.getConnection(url)) {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
