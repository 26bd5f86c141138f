package io.kspipeline.core.config;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The Schema Registry of producers and jobs (a picocli mixin). */
public final class RegistryOptions {
  /** The client setting naming the registry, as Confluent's serializers call it. */
  public static final String URL = "schema.registry.url";

  @Option(
      names = "--registry",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8081",
      description =
          "Schema Registry: http(s)://host:port[,...], mock://scope or file:///dir (default:"
              + " ${DEFAULT-VALUE}). Auth and TLS: -X basic.auth.user.info=..., -X"
              + " schema.registry.ssl.truststore.location=...")
  String registry;

  public RegistryOptions() {}

  public RegistryOptions(String registry) {
    this.registry = registry;
  }

  /**
   * Registry client settings: the URL plus the schema.registry.* and basic.auth.* client
   * properties.
   */
  public Map<String, String> config(Map<String, String> clientProperties) {
    Map<String, String> config = new HashMap<>();
    clientProperties.forEach(
        (k, v) -> {
          if (isRegistrySetting(k)) {
            config.put(k, v);
          }
        });
    config.put(URL, registry);
    return config;
  }

  /** Settings meant for the registry client rather than the Kafka client. */
  public static boolean isRegistrySetting(String key) {
    return key.startsWith("schema.registry.") || key.startsWith("basic.auth.");
  }
}
