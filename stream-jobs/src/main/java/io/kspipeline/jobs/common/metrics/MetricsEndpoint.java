package io.kspipeline.jobs.common.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The driver's scrape endpoint: {@code GET /metrics} answers the registry in Prometheus' text
 * format. The JDK's own HTTP server, so the job jar needs no web stack.
 */
public final class MetricsEndpoint implements AutoCloseable {
  public static final String PATH = "/metrics";

  private final HttpServer server;

  private MetricsEndpoint(HttpServer server) {
    this.server = server;
  }

  /** Listens on all interfaces (a scraper reaches the driver from outside); port 0 picks one. */
  public static MetricsEndpoint start(int port, MetricsRegistry registry) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on metrics port " + port, e);
    }
    server.createContext(PATH, exchange -> answer(exchange, registry));
    server.start();
    return new MetricsEndpoint(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, MetricsRegistry registry) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] page = PrometheusText.render(registry.snapshot()).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", PrometheusText.CONTENT_TYPE);
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream body = exchange.getResponseBody()) {
        body.write(page);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
