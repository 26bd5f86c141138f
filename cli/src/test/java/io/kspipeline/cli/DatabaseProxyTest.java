package io.kspipeline.cli;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy verify puts between the jobs and an external database, against a local echo peer. */
class DatabaseProxyTest {
  private static final int TIMEOUT_MS = 5_000;

  private ServerSocket server;
  private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
  private final List<Socket> opened = new CopyOnWriteArrayList<>();
  private DatabaseProxy proxy;

  @BeforeEach
  void start() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  Socket socket = server.accept();
                  opened.add(socket);
                  accepted.add(socket);
                }
              } catch (IOException closed) {
                // the test is over
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    proxy =
        DatabaseProxy.start(
            InetAddress.getLoopbackAddress().getHostAddress(), server.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    server.close();
    for (Socket socket : opened) {
      socket.close();
    }
  }

  @Test
  void shouldPassBytesBothWays() throws Exception {
    try (Socket client = connect()) {
      Socket upstream = upstream();
      send(client, "query");
      assertThat(receive(upstream, 5)).isEqualTo("query");
      send(upstream, "rows");
      assertThat(receive(client, 4)).isEqualTo("rows");
    }
  }

  @Test
  void shouldCutOpenConnectionsAndRefuseNewOnesWhenStopped() throws Exception {
    try (Socket client = connect()) {
      Socket upstream = upstream();
      proxy.stop();
      assertThat(client.getInputStream().read()).as("the client's side").isEqualTo(-1);
      assertThat(upstream.getInputStream().read()).as("the server's side").isEqualTo(-1);
      // The listening socket closes once its accepting thread lets go of it, a moment later.
      eventually("a new connection refused", Duration.ofSeconds(5), this::refused);
    }
  }

  private boolean refused() {
    try (Socket accepted = connect()) {
      return false;
    } catch (ConnectException e) {
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void shouldListenBelowThePortsConnectionsTakeAsTheirOwn() throws IOException {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    assumeTrue(Files.isReadable(range), "Linux's ephemeral port range");
    int lowest;
    try (java.io.BufferedReader in = Files.newBufferedReader(range)) {
      lowest = Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
    }
    int port = Integer.parseInt(proxy.address().split(":")[1]);
    // Else a client retrying during an outage could be given the proxy's port and self-connect.
    assertThat(port).isBetween(10_000, lowest - 1);
  }

  @Test
  void shouldAcceptAgainOnTheSamePortWhenRestarted() throws Exception {
    String before = proxy.address();
    proxy.stop();
    proxy.restart();
    assertThat(proxy.address()).isEqualTo(before);
    try (Socket client = connect()) {
      Socket upstream = upstream();
      send(client, "again");
      assertThat(receive(upstream, 5)).isEqualTo("again");
    }
  }

  @Test
  void shouldCloseTheServerConnectionWhenTheClientGoesAway() throws Exception {
    Socket client = connect();
    Socket upstream = upstream();
    client.close();
    assertThat(upstream.getInputStream().read()).isEqualTo(-1);
  }

  private Socket connect() throws IOException {
    String[] address = proxy.address().split(":");
    Socket socket = new Socket(address[0], Integer.parseInt(address[1]));
    socket.setSoTimeout(TIMEOUT_MS);
    return socket;
  }

  /** The server's side of the connection the proxy opened for the newest client. */
  private Socket upstream() throws Exception {
    Socket socket = accepted.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertThat(socket).as("a connection from the proxy").isNotNull();
    socket.setSoTimeout(TIMEOUT_MS);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static String receive(Socket socket, int length) throws IOException {
    InputStream in = socket.getInputStream();
    return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
  }
}
