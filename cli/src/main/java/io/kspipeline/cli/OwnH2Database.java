package io.kspipeline.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * Verify's own database: an H2 TCP server in this JVM that outlives every job JVM, and that can be
 * stopped for an outage and started again on the same port and files.
 */
final class OwnH2Database implements VerifyDatabase {
  private static final String NAME = "verify";

  private final Path baseDir;
  private Server server;
  private final int port;

  private OwnH2Database(Path baseDir, Server server) {
    this.baseDir = baseDir;
    this.server = server;
    this.port = server.getPort();
  }

  static OwnH2Database start(Path baseDir) throws SQLException {
    return new OwnH2Database(baseDir, serve(baseDir, 0));
  }

  private static Server serve(Path baseDir, int port) throws SQLException {
    return Server.createTcpServer(
            "-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir", baseDir.toString())
        .start();
  }

  /** Over TCP: the jobs run in JVMs of their own. */
  @Override
  public String jobsUrl() {
    return "jdbc:h2:tcp://localhost:" + port + "/" + NAME;
  }

  /**
   * The same database opened in this JVM, without the network: the probe that aims kills into a
   * transaction must see it open and react within a fraction of the transaction's duration.
   */
  @Override
  public String directUrl() {
    return "jdbc:h2:" + baseDir.resolve(NAME).toAbsolutePath();
  }

  /** Stops the server: every connection breaks, new ones are refused. */
  @Override
  public synchronized void stop() {
    server.stop();
  }

  /** Serves the same files on the same port again. */
  @Override
  public synchronized void restart() throws SQLException {
    server = serve(baseDir, port);
  }

  @Override
  public synchronized void close() {
    server.stop();
  }
}
