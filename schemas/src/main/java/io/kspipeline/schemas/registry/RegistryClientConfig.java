package io.kspipeline.schemas.registry;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of a registry client, under the configuration names Confluent's serializers use, so the
 * same client properties work with either: {@code schema.registry.url}, {@code
 * basic.auth.user.info} ({@code user:password}), {@code schema.registry.ssl.truststore.*} and
 * {@code schema.registry.ssl.keystore.*}, plus our timeouts and retries.
 */
public record RegistryClientConfig(
    String url,
    String basicAuthUserInfo,
    String truststoreLocation,
    String truststorePassword,
    String truststoreType,
    String keystoreLocation,
    String keystorePassword,
    String keystoreType,
    Duration requestTimeout,
    int maxRetries,
    Duration initialBackoff) {

  public static final String URL = "schema.registry.url";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
  public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
  public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
  public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
  public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
  public static final String MAX_RETRIES = "schema.registry.max.retries";
  public static final String RETRY_BACKOFF_MS = "schema.registry.retry.backoff.ms";

  public static RegistryClientConfig of(String url) {
    return from(Map.of(URL, url));
  }

  public static RegistryClientConfig from(Map<String, ?> configs) {
    Object url = configs.get(URL);
    if (url == null || url.toString().isBlank()) {
      throw new IllegalArgumentException(URL + " is required");
    }
    return new RegistryClientConfig(
        url.toString(),
        string(configs, BASIC_AUTH_USER_INFO),
        string(configs, TRUSTSTORE_LOCATION),
        string(configs, TRUSTSTORE_PASSWORD),
        stringOr(configs, TRUSTSTORE_TYPE, "JKS"),
        string(configs, KEYSTORE_LOCATION),
        string(configs, KEYSTORE_PASSWORD),
        stringOr(configs, KEYSTORE_TYPE, "JKS"),
        Duration.ofMillis(Long.parseLong(stringOr(configs, REQUEST_TIMEOUT_MS, "10000"))),
        Integer.parseInt(stringOr(configs, MAX_RETRIES, "3")),
        Duration.ofMillis(Long.parseLong(stringOr(configs, RETRY_BACKOFF_MS, "200"))));
  }

  private static String string(Map<String, ?> configs, String key) {
    Object value = configs.get(key);
    return value == null ? null : value.toString();
  }

  private static String stringOr(Map<String, ?> configs, String key, String fallback) {
    String value = string(configs, key);
    return value == null ? fallback : value;
  }

  @Override
  public String toString() {
    return "RegistryClientConfig[url="
        + url
        + ", auth="
        + (basicAuthUserInfo == null ? "none" : "basic [hidden]")
        + ", timeout="
        + requestTimeout
        + ", retries="
        + maxRetries
        + "]";
  }
}
