package io.kspipeline.schemas.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens a registry by URL: {@code http(s)://host:port[,...]} a real Schema Registry, {@code
 * mock://scope} an in-memory registry shared within this JVM by that scope name (as Confluent's
 * mock scopes), {@code file:///path} a local registry kept in a directory that every process on the
 * machine can share.
 */
public final class SchemaRegistries {
  private static final Map<String, LocalSchemaRegistry> MOCK_SCOPES = new ConcurrentHashMap<>();
  private static final Map<Path, LocalSchemaRegistry> DIRECTORIES = new ConcurrentHashMap<>();

  private SchemaRegistries() {}

  public static SchemaRegistry connect(String url) {
    return connect(RegistryClientConfig.of(url));
  }

  public static SchemaRegistry connect(Map<String, ?> configs) {
    return connect(RegistryClientConfig.from(configs));
  }

  public static SchemaRegistry connect(RegistryClientConfig config) {
    String url = config.url().trim();
    String scheme =
        url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
    return switch (scheme) {
      case "mock" ->
          MOCK_SCOPES.computeIfAbsent(
              url.substring("mock://".length()),
              s -> new LocalSchemaRegistry(new InMemorySchemaStore()));
      case "file" -> directory(Path.of(URI.create(url)));
      case "http", "https" -> new RestSchemaRegistryClient(config);
      default ->
          throw new IllegalArgumentException(
              "unsupported schema registry URL '"
                  + url
                  + "' (use http(s)://, mock://scope or file:///dir)");
    };
  }

  /**
   * The registry kept in a directory, one instance per directory in this JVM: its store locks the
   * directory's lock file, which two instances in one JVM could not both hold.
   */
  static LocalSchemaRegistry directory(Path directory) {
    return DIRECTORIES.computeIfAbsent(
        directory.toAbsolutePath().normalize(),
        dir -> new LocalSchemaRegistry(new DirectorySchemaStore(dir)));
  }

  /** Forgets a mock scope (tests that want a fresh in-memory registry under the same name). */
  public static void dropMockScope(String scope) {
    MOCK_SCOPES.remove(scope);
  }
}
