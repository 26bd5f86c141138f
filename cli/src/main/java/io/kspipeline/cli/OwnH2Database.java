package io.kspipeline.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * The database of a verify run: an H2 TCP server in this JVM that outlives every job JVM, and that
 * can be stopped for an outage and started again on the same port and files.
 */
final class VerifyDatabase implements AutoCloseable {
  private final Path baseDir;
  private Server server;
  private final int port;

  private VerifyDatabase(Path baseDir, Server server) {
    this.baseDir = baseDir;
    this.server = server;
    this.port = server.getPort();
  }

  static VerifyDatabase start(Path baseDir) throws SQLException {
    return new VerifyDatabase(baseDir, serve(baseDir, 0));
  }

  private static Server serve(Path baseDir, int port) throws SQLException {
    return Server.createTcpServer(
            "-tcpPort", String.valueOf(port), "-ifNotExists", "-baseDir", baseDir.toString())
        .start();
  }

  /** The URL of database {@code name} for the jobs (over TCP). */
  String url(String name) {
    return "jdbc:h2:tcp://localhost:" + port + "/" + name;
  }

  /** Stops the server: every connection breaks, new ones are refused. */
  synchronized void stop() {
    server.stop();
  }

  /** Serves the same files on the same port again. */
  synchronized void restart() throws SQLException {
    server = serve(baseDir, port);
  }

  @Override
  public synchronized void close() {
    server.stop();
  }
}
