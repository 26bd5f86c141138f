package io.kspipeline.jobs.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result table's writes through a database outage: the H2 server stopped under a running write
 * and started again on the same port; the write retries and lands once, or gives up with what to do
 * when the outage outlasts --jdbc-retry-for.
 */
class DatabaseOutagesTest {
  private static final TableSpec COUNTS =
      new TableSpec(
          "status_counts",
          List.of(Column.of("status", Column.Type.INT)),
          List.of(Column.of("hits", Column.Type.BIGINT)));
  private static final StructType COUNT_ROW =
      new StructType().add("status", DataTypes.IntegerType).add("hits", DataTypes.LongType);

  @TempDir Path dir;

  private Server start(int port) throws SQLException {
    return Server.createTcpServer(
            "-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir", dir.toString())
        .start();
  }

  private static List<Row> counts(int status, long hits) {
    return List.of(new GenericRowWithSchema(new Object[] {status, hits}, COUNT_ROW));
  }

  @Test
  void shouldWriteTheBatchOnceTheDatabaseIsBack() throws Exception {
    Server server = start(0);
    int port = server.getPort();
    String url = "jdbc:h2:tcp://localhost:" + port + "/outage";
    JdbcUpsertSink sink =
        new JdbcUpsertSink(JdbcSettings.of(url), COUNTS).retryingFor(Duration.ofMinutes(1));
    sink.createTables();
    assertThat(sink.write("q", 0, counts(200, 5)::iterator, refused -> {})).isEqualTo(1);

    server.stop();
    CompletableFuture<Server> restarted =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                TimeUnit.SECONDS.sleep(3);
                return start(port);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      assertThat(sink.write("q", 1, counts(200, 7)::iterator, refused -> {})).isEqualTo(1);
      assertThat(restarted).isDone();
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT hits FROM status_counts WHERE status = 200")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(7);
      }
      assertThat(sink.write("q", 1, counts(200, 99)::iterator, refused -> {}))
          .as("batch 1 is in the ledger once")
          .isEqualTo(-1);
    } finally {
      restarted.get().stop();
    }
  }

  @Test
  void shouldGiveUpWithWhatToDoWhenTheOutageOutlastsTheRetries() throws Exception {
    Server server = start(0);
    String url = "jdbc:h2:tcp://localhost:" + server.getPort() + "/outage";
    JdbcUpsertSink sink =
        new JdbcUpsertSink(JdbcSettings.of(url), COUNTS).retryingFor(Duration.ofSeconds(2));
    sink.createTables();
    server.stop();

    assertThatThrownBy(() -> sink.write("q", 0, counts(200, 5)::iterator, refused -> {}))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("table status_counts: the database has been unreachable for 2s")
        .hasMessageContaining("resumes from its checkpoint")
        .hasMessageContaining("--jdbc-retry-for");
  }

  @Test
  void shouldTellConnectionLossFromAFailingStatement() {
    assertThat(DatabaseOutages.isConnectionLoss(new SQLException("refused", "08001"))).isTrue();
    assertThat(
            DatabaseOutages.isConnectionLoss(
                new SQLException("batch failed", "HY000", new SQLException("broken", "08006"))))
        .isTrue();
    assertThat(
            DatabaseOutages.isConnectionLoss(
                new SQLIntegrityConstraintViolationException("duplicate", "23505")))
        .isFalse();
    assertThat(DatabaseOutages.isConnectionLoss(new SQLException("syntax", "42000"))).isFalse();
  }
}
