package io.kspipeline.core.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import picocli.CommandLine.Option;

/** Kafka connection options shared by producers and jobs (a picocli mixin). */
public final class KafkaOptions {
  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT[,...]",
      defaultValue = "127.0.0.1:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
  String bootstrap;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "Kafka client properties file (security.protocol, sasl.*, ssl.* ...); -X wins over it.")
  Path configFile;

  @Option(
      names = "-X",
      paramLabel = "KEY=VALUE",
      description = "A Kafka client property, repeatable, e.g. -X compression.type=zstd.")
  Map<String, String> overrides = new LinkedHashMap<>();

  public KafkaOptions() {}

  public KafkaOptions(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** Options configured by code: a cluster and, when not null, a client properties file. */
  public static KafkaOptions of(String bootstrap, Path configFile) {
    KafkaOptions options = new KafkaOptions(bootstrap);
    options.configFile = configFile;
    return options;
  }

  public String bootstrap() {
    return bootstrap;
  }

  /**
   * Client properties: bootstrap, then the file, then -X; the later source wins. A JAAS login is
   * given in the spelling Spark's log redaction recognises (see {@link JaasConfigs}).
   */
  public Map<String, String> clientProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    if (configFile != null) {
      Properties file = new Properties();
      try (Reader in = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
        file.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read --kafka-config " + configFile, e);
      }
      file.stringPropertyNames().forEach(k -> properties.put(k, file.getProperty(k)));
    }
    properties.putAll(overrides);
    properties.computeIfPresent(SaslConfigs.SASL_JAAS_CONFIG, (k, v) -> JaasConfigs.canonical(v));
    return properties;
  }

  /** The client properties for logs: secrets (passwords, JAAS configs, keys) masked. */
  public static Map<String, String> redacted(Map<String, String> properties) {
    Map<String, String> shown = new TreeMap<>();
    properties.forEach((k, v) -> shown.put(k, isSecret(k) ? "[hidden]" : v));
    return shown;
  }

  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password")
        || k.contains("jaas")
        || k.contains("secret")
        || k.endsWith(".key")
        || k.contains("token");
  }
}
