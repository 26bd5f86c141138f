package io.kspipeline.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * A TCP proxy on a local port between the jobs and a database server that verify may not stop:
 * {@link #stop()} cuts the jobs off as a server outage would (every connection through it breaks,
 * new ones are refused) while the server, and verify's own connections to it, go on. A client that
 * goes away (a SIGKILLed job) takes its server connection with it, so the server rolls back its
 * open transaction as it would for a direct one.
 */
final class DatabaseProxy implements AutoCloseable {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
  private static final int CONNECT_TIMEOUT_MS = 10_000;

  /** Below it, ports that well-known services listen on. */
  private static final int LOWEST_PORT = 10_000;

  private final String serverHost;
  private final int serverPort;
  private final int port;
  private final Set<Socket> connections = new HashSet<>();
  private ServerSocket listening;

  private DatabaseProxy(String serverHost, int serverPort, ServerSocket listening) {
    this.serverHost = serverHost;
    this.serverPort = serverPort;
    this.listening = listening;
    this.port = listening.getLocalPort();
  }

  /** Listens on a free local port and forwards every connection to {@code host:port}. */
  static DatabaseProxy start(String host, int port) throws IOException {
    DatabaseProxy proxy = new DatabaseProxy(host, port, listenOutsideEphemeralPorts());
    proxy.acceptInBackground(proxy.listening);
    return proxy;
  }

  /** Where the clients connect: {@code host:port} for a JDBC URL. */
  String address() {
    return LOOPBACK.getHostAddress() + ":" + port;
  }

  /** Closes every connection through the proxy, both sides, and refuses new ones. */
  synchronized void stop() throws IOException {
    listening.close();
    for (Socket socket : connections) {
      closeQuietly(socket);
    }
    connections.clear();
  }

  /** Accepts connections again, on the same port. */
  synchronized void restart() throws IOException {
    if (listening.isClosed()) {
      listening = listen(port);
      acceptInBackground(listening);
    }
  }

  @Override
  public void close() throws IOException {
    stop();
  }

  /**
   * A free port below the range the kernel takes connections' own ports from. On a port inside it,
   * a job retrying while the proxy is stopped can be given that very port as its source and connect
   * to itself (a TCP self-connect), where it must be refused.
   */
  private static ServerSocket listenOutsideEphemeralPorts() throws IOException {
    int below = lowestEphemeralPort();
    Random random = new Random();
    for (int attempt = 0; below > LOWEST_PORT && attempt < 100; attempt++) {
      try {
        return listen(LOWEST_PORT + random.nextInt(below - LOWEST_PORT));
      } catch (BindException taken) {
        // another service's port: try another
      }
    }
    return listen(0);
  }

  /** Linux's setting; elsewhere the IANA range's start, which most systems use. */
  private static int lowestEphemeralPort() {
    try {
      // Read as a stream: procfs reports a size of 0, which whole-file reads may trust.
      String range;
      try (BufferedReader in =
          Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
        range = in.readLine().trim();
      }
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 49_152;
    }
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    // The port was ours a moment ago: connections closed by the outage may linger in TIME_WAIT.
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(LOOPBACK, port));
    return socket;
  }

  private void acceptInBackground(ServerSocket accepting) {
    daemon(
        "db-proxy-accept-" + port,
        () -> {
          while (true) {
            Socket client;
            try {
              client = accepting.accept();
            } catch (IOException closed) {
              return; // stopped
            }
            daemon("db-proxy-connect-" + port, () -> connect(accepting, client));
          }
        });
  }

  /** Opens the client's server connection and forwards both ways on threads of their own. */
  private void connect(ServerSocket acceptedBy, Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(new InetSocketAddress(serverHost, serverPort), CONNECT_TIMEOUT_MS);
      client.setTcpNoDelay(true); // the database's small request/response messages, unbuffered
      upstream.setTcpNoDelay(true);
    } catch (IOException e) {
      closeQuietly(client); // the server is away: the client sees its connection refused
      closeQuietly(upstream);
      return;
    }
    if (!register(acceptedBy, client, upstream)) {
      return;
    }
    daemon("db-proxy-up-" + port, () -> forward(client, upstream));
    daemon("db-proxy-down-" + port, () -> forward(upstream, client));
  }

  /** Tracks a new connection pair, unless the proxy stopped while it was being opened. */
  private synchronized boolean register(ServerSocket acceptedBy, Socket client, Socket upstream) {
    if (acceptedBy.isClosed()) {
      closeQuietly(client);
      closeQuietly(upstream);
      return false;
    }
    connections.add(client);
    connections.add(upstream);
    return true;
  }

  /** Copies until either side ends, then closes both: one side gone means the session is. */
  private void forward(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException e) {
      // A side closed or broke: the pair ends below either way.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      synchronized (this) {
        connections.remove(from);
        connections.remove(to);
      }
    }
  }

  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing what is already broken: nothing to do.
    }
  }
}
