package io.kspipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client against an HTTP server that records every request, so each call is checked
 * exactly as the Confluent API documents it: method, path, content type, body; and that the
 * registry's answers and error codes come back to the caller.
 */
class RestSchemaRegistryClientTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Schema SCHEMA =
      SchemaBuilder.record("Thing").namespace("x").fields().requiredString("name").endRecord();

  record Request(
      String method, String path, String contentType, String authorization, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  /**
   * @param held sent only once the test is over (a registry that does not answer in time)
   */
  record Answer(int status, String body, boolean held) {}

  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Queue<Answer> answers = new ArrayDeque<>();
  private final CountDownLatch testOver = new CountDownLatch(1);
  private HttpServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stopServer() {
    testOver.countDown();
    server.stop(0);
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null
                    ? ""
                    : "?" + exchange.getRequestURI().getRawQuery()),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            exchange.getRequestHeaders().getFirst("Authorization"),
            body));
    Answer answer =
        answers.isEmpty()
            ? new Answer(500, "{\"error_code\":50001,\"message\":\"no answer scripted\"}", false)
            : answers.poll();
    if (answer.held()) {
      try {
        testOver.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", CONTENT_TYPE);
    exchange.sendResponseHeaders(answer.status(), out.length);
    try (OutputStream os = exchange.getResponseBody()) {
      os.write(out);
    }
  }

  private void answer(int status, String body) {
    answers.add(new Answer(status, body, false));
  }

  private RestSchemaRegistryClient client(Map<String, String> extra) {
    Map<String, String> config = new java.util.HashMap<>(extra);
    config.put(RegistryClientConfig.URL, "http://127.0.0.1:" + server.getAddress().getPort());
    config.putIfAbsent(RegistryClientConfig.RETRY_BACKOFF_MS, "10");
    return new RestSchemaRegistryClient(RegistryClientConfig.from(config));
  }

  private static String schemaJson(Schema schema) throws IOException {
    return JSON.writeValueAsString(schema.toString());
  }

  @Test
  void shouldRegisterWithTheDocumentedRequestAndCacheTheId() throws IOException {
    answer(200, "{\"id\":7}");
    RestSchemaRegistryClient client = client(Map.of());

    assertThat(client.register("access-logs-value", SCHEMA)).isEqualTo(7);
    assertThat(client.register("access-logs-value", SCHEMA)).isEqualTo(7);
    assertThat(client.schemaById(7)).isEqualTo(SCHEMA);

    assertThat(requests).hasSize(1);
    Request r = requests.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/subjects/access-logs-value/versions");
    assertThat(r.contentType()).isEqualTo(CONTENT_TYPE);
    assertThat(r.json().get("schema").asText()).isEqualTo(SCHEMA.toString());
    assertThat(r.json().size()).isEqualTo(1);
  }

  @Test
  void shouldLookUpAndFetchByIdAndLatest() throws IOException {
    String schema = schemaJson(SCHEMA);
    answer(200, "{\"subject\":\"s\",\"id\":3,\"version\":2,\"schema\":" + schema + "}");
    answer(200, "{\"schema\":" + schema + "}");
    answer(200, "{\"subject\":\"s\",\"id\":3,\"version\":2,\"schema\":" + schema + "}");
    RestSchemaRegistryClient client = client(Map.of());

    assertThat(client.idOf("s", SCHEMA)).isEqualTo(3);
    assertThat(client.schemaById(4)).isEqualTo(SCHEMA);
    assertThat(client.schemaById(4)).isEqualTo(SCHEMA);
    assertThat(client.latest("s")).isEqualTo(new RegisteredSchema("s", 2, 3, SCHEMA));

    assertThat(requests)
        .extracting(Request::method, Request::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POST", "/subjects/s"),
            org.assertj.core.groups.Tuple.tuple("GET", "/schemas/ids/4"),
            org.assertj.core.groups.Tuple.tuple("GET", "/subjects/s/versions/latest"));
    assertThat(requests.get(0).json().get("schema").asText()).isEqualTo(SCHEMA.toString());
  }

  @Test
  void shouldCheckAndSetCompatibility() throws IOException {
    answer(200, "{\"is_compatible\":false}");
    answer(200, "{\"compatibilityLevel\":\"FULL\"}");
    answer(200, "{\"compatibilityLevel\":\"BACKWARD\"}");
    answer(200, "{\"compatibility\":\"NONE\"}");
    RestSchemaRegistryClient client = client(Map.of());

    assertThat(client.isCompatible("my topic-value", SCHEMA)).isFalse();
    assertThat(client.compatibility("my topic-value")).isEqualTo(CompatibilityLevel.FULL);
    assertThat(client.compatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
    client.setCompatibility("my topic-value", CompatibilityLevel.NONE);

    assertThat(requests)
        .extracting(Request::method, Request::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "POST", "/compatibility/subjects/my%20topic-value/versions/latest"),
            org.assertj.core.groups.Tuple.tuple(
                "GET", "/config/my%20topic-value?defaultToGlobal=true"),
            org.assertj.core.groups.Tuple.tuple("GET", "/config"),
            org.assertj.core.groups.Tuple.tuple("PUT", "/config/my%20topic-value"));
    assertThat(requests.get(3).json().get("compatibility").asText()).isEqualTo("NONE");
    assertThat(requests.get(3).contentType()).isEqualTo(CONTENT_TYPE);
  }

  @Test
  void shouldCarryTheRegistrysErrorCodeAndMessage() {
    answer(
        409,
        "{\"error_code\":409,\"message\":\"Schema being registered is incompatible with an earlier schema\"}");
    answer(404, "{\"error_code\":40403,\"message\":\"Schema 99 not found\"}");
    RestSchemaRegistryClient client = client(Map.of());

    assertThatThrownBy(() -> client.register("s", SCHEMA))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(409);
              assertThat(e.getMessage()).contains("incompatible with an earlier schema");
            });
    assertThatThrownBy(() -> client.schemaById(99))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
              assertThat(e.isNotFound()).isTrue();
            });
    assertThat(requests).hasSize(2); // client errors are not retried
  }

  @Test
  void shouldRetryServerErrorsWithBackoff() {
    answer(503, "{\"error_code\":50003,\"message\":\"forwarding to leader failed\"}");
    answer(500, "not json at all");
    answer(200, "{\"id\":11}");
    RestSchemaRegistryClient client = client(Map.of(RegistryClientConfig.MAX_RETRIES, "3"));

    assertThat(client.register("s", SCHEMA)).isEqualTo(11);
    assertThat(requests).hasSize(3);
  }

  @Test
  void shouldGiveUpAfterTheLastRetryWithTheLastError() {
    answer(503, "{\"error_code\":50003,\"message\":\"still down\"}");
    answer(503, "{\"error_code\":50003,\"message\":\"still down\"}");
    RestSchemaRegistryClient client = client(Map.of(RegistryClientConfig.MAX_RETRIES, "1"));

    assertThatThrownBy(() -> client.register("s", SCHEMA)).hasMessageContaining("still down");
    assertThat(requests).hasSize(2);
  }

  @Test
  void shouldSendBasicAuthentication() {
    answer(200, "{\"id\":1}");
    client(Map.of(RegistryClientConfig.BASIC_AUTH_USER_INFO, "svc:s3cret")).register("s", SCHEMA);

    assertThat(requests.get(0).authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString("svc:s3cret".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void shouldTimeOutASlowRegistry() {
    answers.add(new Answer(200, "{\"id\":1}", true));
    RestSchemaRegistryClient client =
        client(
            Map.of(
                RegistryClientConfig.REQUEST_TIMEOUT_MS,
                "200",
                RegistryClientConfig.MAX_RETRIES,
                "0"));

    assertThatThrownBy(() -> client.register("s", SCHEMA))
        .isInstanceOfSatisfying(
            SchemaRegistryUnreachableException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(-1);
              assertThat(e.reason()).isEqualTo("timed out");
            })
        .hasMessageContaining("timed out");
  }

  @Test
  void shouldSayWhereNoRegistryAnsweredAfterTheRetries() {
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    server.stop(0); // nothing listens there any more
    RestSchemaRegistryClient client = client(Map.of(RegistryClientConfig.MAX_RETRIES, "2"));

    assertThatThrownBy(() -> client.register("s", SCHEMA))
        .isInstanceOfSatisfying(
            SchemaRegistryUnreachableException.class,
            e -> {
              assertThat(e.url()).isEqualTo(url);
              assertThat(e.reason()).isEqualTo("could not connect");
            })
        .hasMessageStartingWith("POST " + url + "/subjects/s/versions failed: ");
  }

  @Test
  void shouldNotShowTheCredentialsInItsConfig() {
    assertThat(
            RegistryClientConfig.from(
                    Map.of(
                        RegistryClientConfig.URL,
                        "http://r",
                        RegistryClientConfig.BASIC_AUTH_USER_INFO,
                        "u:secret"))
                .toString())
        .doesNotContain("secret");
  }
}
