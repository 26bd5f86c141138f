package io.kspipeline.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A local registry served over HTTP with the part of the Confluent Schema Registry REST API that
 * {@link RestSchemaRegistryClient} calls: registering and looking up a subject's schemas, schemas
 * by id, a subject's latest version, compatibility checks and levels. Errors are answered as the
 * Confluent registry answers them: {@code {"error_code": N, "message": "..."}} with its codes.
 *
 * <p>For harnesses that stop the registry and start it again (an outage) while jobs use it: the
 * state is a {@link DirectorySchemaStore}, so ids survive a restart, and {@link #restart} serves on
 * the same port.
 */
public final class RegistryHttpServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = RestSchemaRegistryClient.CONTENT_TYPE;
  private static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  private static final int BACKEND_ERROR = 50001;

  private final LocalSchemaRegistry registry;
  private final int port;
  private HttpServer server;
  private ExecutorService threads;

  private RegistryHttpServer(LocalSchemaRegistry registry, int port) throws IOException {
    this.registry = registry;
    serve(port);
    this.port = server.getAddress().getPort();
  }

  /**
   * Serves the registry kept in {@code storeDir} on {@code port} of the loopback address.
   *
   * @param port 0 for any free port ({@link #port()} tells which)
   */
  public static RegistryHttpServer start(Path storeDir, int port) throws IOException {
    return new RegistryHttpServer(SchemaRegistries.directory(storeDir), port);
  }

  public int port() {
    return port;
  }

  /** The URL clients take as {@code schema.registry.url} (or {@code --registry}). */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops serving at once: open connections are closed, new ones refused. */
  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      threads.shutdownNow();
      server = null;
    }
  }

  /** Serves the same state on the same port again. */
  public synchronized void restart() throws IOException {
    stop();
    serve(port);
  }

  @Override
  public void close() {
    stop();
  }

  private synchronized void serve(int onPort) throws IOException {
    HttpServer created =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    threads = Executors.newFixedThreadPool(4, RegistryHttpServer::daemon);
    created.setExecutor(threads);
    created.createContext("/", this::handle);
    created.start();
    server = created;
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "registry-http");
    thread.setDaemon(true);
    return thread;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      JsonNode answer = answer(exchange);
      send(exchange, 200, answer);
    } catch (SchemaRegistryException e) {
      send(exchange, e.httpStatus(), error(e.errorCode(), e.registryMessage()));
    } catch (RuntimeException e) {
      send(exchange, 500, error(BACKEND_ERROR, "Error in the registry's store: " + e));
    } finally {
      exchange.close();
    }
  }

  /** The answer to one request, by method and path; a failure is thrown as its error answer. */
  private JsonNode answer(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    List<String> path = segments(exchange.getRequestURI().getRawPath());
    String route = method + " " + shape(path);
    return switch (route) {
      case "POST subjects/*/versions" ->
          JSON.createObjectNode().put("id", registry.register(path.get(1), schemaIn(exchange)));
      case "POST subjects/*" -> version(registry.lookup(path.get(1), schemaIn(exchange)));
      case "GET subjects/*/versions/latest" -> version(registry.latest(path.get(1)));
      case "GET schemas/ids/*" ->
          JSON.createObjectNode().put("schema", registry.schemaById(idIn(path.get(2))).toString());
      case "POST compatibility/subjects/*/versions/latest" ->
          JSON.createObjectNode()
              .put("is_compatible", registry.isCompatible(path.get(2), schemaIn(exchange)));
      case "GET config" -> level(registry.compatibility(null));
      case "GET config/*" -> level(registry.compatibility(path.get(1)));
      case "PUT config" -> setLevel(null, exchange);
      case "PUT config/*" -> setLevel(path.get(1), exchange);
      default ->
          throw new SchemaRegistryException(
              404, 404, "No such endpoint: " + method + " " + exchange.getRequestURI().getPath());
    };
  }

  /** The path's segments, each decoded ({@code +} kept: only %-escapes are escapes in a path). */
  private static List<String> segments(String rawPath) {
    return Arrays.stream(rawPath.split("/"))
        .filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8))
        .toList();
  }

  /** The path with its variable parts (subjects, ids) as {@code *}, to route on. */
  private static String shape(List<String> path) {
    StringBuilder shape = new StringBuilder();
    String previous = "";
    for (String segment : path) {
      // What follows a fixed "subjects", "ids" or "config" is a name, whatever it spells.
      boolean variable =
          previous.equals("subjects") || previous.equals("ids") || previous.equals("config");
      previous = variable ? "*" : segment;
      shape.append(shape.length() == 0 ? "" : "/").append(previous);
    }
    return shape.toString();
  }

  private static int idIn(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new SchemaRegistryException(
          404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
    }
  }

  /** The Avro schema of a request body {@code {"schema": "...", "schemaType": "AVRO"}}. */
  private static Schema schemaIn(HttpExchange exchange) throws IOException {
    JsonNode body = bodyOf(exchange);
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw invalidSchema("only AVRO schemas are served here, not " + type);
    }
    if (!body.path("schema").isTextual()) {
      throw invalidSchema("the body has no \"schema\" string");
    }
    try {
      return new Schema.Parser().parse(body.get("schema").asText());
    } catch (SchemaParseException e) {
      throw invalidSchema("Invalid schema: " + e.getMessage());
    }
  }

  private JsonNode setLevel(String subject, HttpExchange exchange) throws IOException {
    String name = bodyOf(exchange).path("compatibility").asText("");
    CompatibilityLevel level;
    try {
      level = CompatibilityLevel.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new SchemaRegistryException(
          422,
          INVALID_COMPATIBILITY_LEVEL,
          "Invalid compatibility level '"
              + name
              + "': one of "
              + Arrays.toString(CompatibilityLevel.values()));
    }
    registry.setCompatibility(subject, level);
    return JSON.createObjectNode().put("compatibility", level.name());
  }

  private static JsonNode bodyOf(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    try {
      return JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
    } catch (IOException notJson) {
      throw new SchemaRegistryException(400, 400, "The body is not JSON: " + notJson.getMessage());
    }
  }

  private static SchemaRegistryException invalidSchema(String message) {
    return new SchemaRegistryException(422, SchemaRegistryException.INVALID_SCHEMA, message);
  }

  private static JsonNode version(RegisteredSchema version) {
    return JSON.createObjectNode()
        .put("subject", version.subject())
        .put("version", version.version())
        .put("id", version.id())
        .put("schema", version.schema().toString());
  }

  private static JsonNode level(CompatibilityLevel level) {
    return JSON.createObjectNode().put("compatibilityLevel", level.name());
  }

  private static ObjectNode error(int code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
