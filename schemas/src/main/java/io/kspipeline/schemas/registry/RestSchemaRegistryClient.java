package io.kspipeline.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the Confluent Schema Registry REST API (also served by Apicurio's ccompat API). Ids and
 * schemas are cached both ways, since a schema id never changes meaning. Connection failures, 5xx
 * and 429 answers are retried with exponential backoff, trying each configured URL in turn; 4xx
 * answers fail at once with the registry's message, and no answer at all with a {@link
 * SchemaRegistryUnreachableException}.
 */
public final class RestSchemaRegistryClient implements SchemaRegistry {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
          + " application/json; qs=0.5";
  private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RETRYING = "schema registry {} {}: {}; retrying in {} ms";

  private final RegistryClientConfig config;
  private final List<URI> baseUrls;
  private final HttpClient http;
  private final String authorization;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

  /** Whether the registry ever answered; until then, retries are not worth a warning each. */
  private volatile boolean answered;

  public RestSchemaRegistryClient(RegistryClientConfig config) {
    this.config = config;
    this.baseUrls =
        java.util.Arrays.stream(config.url().split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(s -> URI.create(s.endsWith("/") ? s : s + "/"))
            .toList();
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(config.requestTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (config.truststoreLocation() != null || config.keystoreLocation() != null) {
      builder.sslContext(sslContext(config));
    }
    this.http = builder.build();
    this.authorization =
        config.basicAuthUserInfo() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int register(String subject, Schema schema) {
    String key = subject + '\u0000' + schema;
    Integer cached = idsBySubjectAndSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = answer.path("id").asInt();
    idsBySubjectAndSchema.put(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public int idOf(String subject, Schema schema) {
    String key = subject + '\u0000' + schema;
    Integer cached = idsBySubjectAndSchema.get(key);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("POST", "subjects/" + encode(subject), schemaBody(schema));
    int id = answer.path("id").asInt();
    idsBySubjectAndSchema.put(key, id);
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = call("GET", "schemas/ids/" + id, null);
    Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
    schemasById.put(id, schema);
    return schema;
  }

  @Override
  public RegisteredSchema latest(String subject) {
    JsonNode answer = call("GET", "subjects/" + encode(subject) + "/versions/latest", null);
    Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
    int id = answer.path("id").asInt();
    schemasById.putIfAbsent(id, schema);
    return new RegisteredSchema(
        answer.path("subject").asText(subject), answer.path("version").asInt(), id, schema);
  }

  @Override
  public boolean isCompatible(String subject, Schema schema) {
    try {
      JsonNode answer =
          call(
              "POST",
              "compatibility/subjects/" + encode(subject) + "/versions/latest",
              schemaBody(schema));
      return answer.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
          || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
        return true; // nothing registered yet: anything may come first
      }
      throw e;
    }
  }

  @Override
  public CompatibilityLevel compatibility(String subject) {
    String path =
        subject == null ? "config" : "config/" + encode(subject) + "?defaultToGlobal=true";
    JsonNode answer = call("GET", path, null);
    JsonNode level =
        answer.has("compatibilityLevel")
            ? answer.get("compatibilityLevel")
            : answer.get("compatibility");
    return CompatibilityLevel.valueOf(level.asText());
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
    call("PUT", subject == null ? "config" : "config/" + encode(subject), body.toString());
  }

  private static String schemaBody(Schema schema) {
    // AVRO is the default schemaType, so it is left out for registries that predate the field.
    return JSON.createObjectNode().put("schema", schema.toString()).toString();
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode call(String method, String path, String body) {
    long backoff = config.initialBackoff().toMillis();
    SchemaRegistryException last = null;
    for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
      URI base = baseUrls.get(attempt % baseUrls.size());
      try {
        HttpResponse<String> response =
            http.send(
                request(base.resolve(path), method, body),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        answered = true;
        int status = response.statusCode();
        if (status / 100 == 2) {
          return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
        }
        last = errorOf(status, response.body());
        if (status < 500 && status != 429) {
          throw last;
        }
      } catch (IOException e) {
        last =
            new SchemaRegistryUnreachableException(
                config.url(), method + " " + base.resolve(path), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("interrupted calling the schema registry", e);
      }
      if (attempt < config.maxRetries()) {
        // A registry that never answered is reported once, by the exception, when retries end.
        if (answered) {
          LOG.warn(RETRYING, method, path, last.getMessage(), backoff);
        } else {
          LOG.debug(RETRYING, method, path, last.getMessage(), backoff);
        }
        sleep(backoff);
        backoff = Math.min(backoff * 2, 10_000);
      }
    }
    throw last;
  }

  private HttpRequest request(URI uri, String method, String body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri).timeout(config.requestTimeout()).header("Accept", ACCEPT);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    if (body == null) {
      builder.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      builder
          .header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }
    return builder.build();
  }

  private static SchemaRegistryException errorOf(int status, String body) {
    try {
      JsonNode error = JSON.readTree(body);
      return new SchemaRegistryException(
          status, error.path("error_code").asInt(status), error.path("message").asText(body));
    } catch (IOException notJson) {
      return new SchemaRegistryException(status, status, body);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException("interrupted while retrying the schema registry", e);
    }
  }

  private static SSLContext sslContext(RegistryClientConfig config) {
    try {
      TrustManagerFactory trust = null;
      if (config.truststoreLocation() != null) {
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(
            load(
                config.truststoreLocation(), config.truststorePassword(), config.truststoreType()));
      }
      KeyManagerFactory keys = null;
      if (config.keystoreLocation() != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        char[] password =
            config.keystorePassword() == null ? null : config.keystorePassword().toCharArray();
        keys.init(
            load(config.keystoreLocation(), config.keystorePassword(), config.keystoreType()),
            password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keys == null ? null : keys.getKeyManagers(),
          trust == null ? null : trust.getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new SchemaRegistryException(
          "cannot set up TLS for the schema registry: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(String location, String password, String type)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(Path.of(location))) {
      store.load(in, password == null ? null : password.toCharArray());
    }
    return store;
  }
}
