package io.kspipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's own REST client against the HTTP server: every call it makes round-trips, and the
 * server's errors reach the caller as the client reads Confluent's.
 */
class RegistryHttpServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Schema V1 =
      SchemaBuilder.record("Thing").namespace("x").fields().requiredString("name").endRecord();
  private static final Schema V2_WITH_DEFAULT =
      SchemaBuilder.record("Thing")
          .namespace("x")
          .fields()
          .requiredString("name")
          .name("size")
          .type()
          .intType()
          .intDefault(0)
          .endRecord();
  private static final Schema V2_WITHOUT_DEFAULT =
      SchemaBuilder.record("Thing")
          .namespace("x")
          .fields()
          .requiredString("name")
          .requiredInt("size")
          .endRecord();

  @TempDir Path store;
  private RegistryHttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = RegistryHttpServer.start(store, 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A client with its own caches, so each call below reaches the server. */
  private RestSchemaRegistryClient client() {
    return new RestSchemaRegistryClient(
        RegistryClientConfig.from(
            Map.of(
                RegistryClientConfig.URL,
                server.url(),
                RegistryClientConfig.MAX_RETRIES,
                "1",
                RegistryClientConfig.RETRY_BACKOFF_MS,
                "10")));
  }

  @Test
  void shouldRoundTripRegisterByIdLatestAndLookup() {
    int id = client().register("things-value", V1);

    assertThat(client().schemaById(id)).isEqualTo(V1);
    assertThat(client().latest("things-value"))
        .isEqualTo(new RegisteredSchema("things-value", 1, id, V1));
    assertThat(client().idOf("things-value", V1)).isEqualTo(id);
  }

  @Test
  void shouldGiveTheSameIdWhenTheSameSchemaIsRegisteredAgain() {
    int id = client().register("things-value", V1);

    assertThat(client().register("things-value", V1)).isEqualTo(id);
    assertThat(client().register("other-value", V1)).as("ids are global").isEqualTo(id);
    assertThat(client().latest("things-value").version()).isEqualTo(1);
  }

  @Test
  void shouldAddVersionsUnderASubject() {
    int first = client().register("things-value", V1);
    int second = client().register("things-value", V2_WITH_DEFAULT);

    assertThat(second).isNotEqualTo(first);
    assertThat(client().latest("things-value"))
        .isEqualTo(new RegisteredSchema("things-value", 2, second, V2_WITH_DEFAULT));
  }

  @Test
  void shouldAnswerAnUnknownIdOrSubjectWithConfluentsNotFoundCodes() {
    assertThatThrownBy(() -> client().schemaById(42))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.isNotFound()).isTrue();
              assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND);
              assertThat(SchemaRegistryException.isOutage(e)).isFalse();
            });
    assertThatThrownBy(() -> client().latest("nothing-value"))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
    client().register("things-value", V1);
    assertThatThrownBy(() -> client().idOf("things-value", V2_WITH_DEFAULT))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
  }

  @Test
  void shouldRefuseAnIncompatibleSchemaWith409() {
    client().register("things-value", V1);

    assertThat(client().isCompatible("things-value", V2_WITHOUT_DEFAULT)).isFalse();
    assertThat(client().isCompatible("things-value", V2_WITH_DEFAULT)).isTrue();
    assertThatThrownBy(() -> client().register("things-value", V2_WITHOUT_DEFAULT))
        .isInstanceOfSatisfying(
            SchemaRegistryException.class,
            e -> {
              assertThat(e.httpStatus()).isEqualTo(409);
              assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
              assertThat(e.getMessage()).contains("things-value");
            });
  }

  @Test
  void shouldKeepCompatibilityLevelsPerSubjectAndGlobally() {
    client().setCompatibility("things-value", CompatibilityLevel.NONE);

    assertThat(client().compatibility("things-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(client().compatibility("other-value")).isEqualTo(CompatibilityLevel.BACKWARD);
    client().setCompatibility(null, CompatibilityLevel.FULL);
    assertThat(client().compatibility(null)).isEqualTo(CompatibilityLevel.FULL);
    client().register("things-value", V1);
    assertThat(client().register("things-value", V2_WITHOUT_DEFAULT))
        .as("NONE: anything may follow")
        .isPositive();
  }

  @Test
  void shouldServeSubjectsWhoseNamesNeedEscaping() {
    String subject = "odd name/with+signs-value";
    int id = client().register(subject, V1);

    assertThat(client().latest(subject).subject()).isEqualTo(subject);
    assertThat(client().idOf(subject, V1)).isEqualTo(id);
  }

  @Test
  void shouldAnswerAnInvalidSchemaWith42201() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(server.url() + "/subjects/x-value/versions"))
                    .header("Content-Type", RestSchemaRegistryClient.CONTENT_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"schema\": \"{not avro\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue(RestSchemaRegistryClient.CONTENT_TYPE);
    JsonNode error = JSON.readTree(response.body());
    assertThat(error.path("error_code").asInt()).isEqualTo(SchemaRegistryException.INVALID_SCHEMA);
    assertThat(error.path("message").asText()).startsWith("Invalid schema");
  }

  @Test
  void shouldBeUnreachableWhileStoppedAndServeTheSameIdsOnTheSamePortWhenRestarted()
      throws Exception {
    int id = client().register("things-value", V1);
    int port = server.port();

    server.stop();
    assertThatThrownBy(() -> client().schemaById(id))
        .isInstanceOfSatisfying(
            SchemaRegistryUnreachableException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("could not connect");
              assertThat(SchemaRegistryException.isOutage(e)).isTrue();
            });
    server.restart();

    assertThat(server.port()).isEqualTo(port);
    assertThat(client().schemaById(id)).isEqualTo(V1);
  }
}
