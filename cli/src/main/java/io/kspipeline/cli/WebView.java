package io.kspipeline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code demo --web PORT}: a page with the live tables, a chart of hits per window and charts of
 * each job's throughput and lag over the last minutes, polling the latest snapshot as JSON every
 * second (the snapshot's fields, and {@code flowHistory}). Binds to the loopback interface only.
 */
final class WebView implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final Duration HISTORY = Duration.ofMinutes(5);

  private final HttpServer server;
  private final AtomicReference<LiveSnapshot> latest = new AtomicReference<>();
  private final FlowHistory history = new FlowHistory(Clock.systemUTC(), HISTORY);

  private WebView(HttpServer server) {
    this.server = server;
  }

  /** Serves on 127.0.0.1:port (0: any free port). */
  static WebView start(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    WebView view = new WebView(server);
    server.createContext("/api/snapshot", view::snapshot);
    server.createContext("/", view::page);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "demo-web");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return view;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Called once per refresh: also adds a sample to each job's history. */
  void show(LiveSnapshot snapshot) {
    history.record(snapshot.flows());
    latest.set(snapshot);
  }

  private void page(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/")) {
      send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
      return;
    }
    try (InputStream in = WebView.class.getResourceAsStream("/demo/index.html")) {
      send(exchange, 200, "text/html; charset=utf-8", in.readAllBytes());
    }
  }

  private void snapshot(HttpExchange exchange) throws IOException {
    LiveSnapshot s = latest.get();
    byte[] body = s == null ? "{}".getBytes(StandardCharsets.UTF_8) : json(s);
    send(exchange, 200, "application/json", body);
  }

  private byte[] json(LiveSnapshot s) throws IOException {
    ObjectNode body = JSON.valueToTree(s);
    body.set("flowHistory", JSON.valueToTree(history.series()));
    return JSON.writeValueAsBytes(body);
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
