package io.kspipeline.producer;

import io.kspipeline.producer.run.ProgressReporter;
import io.kspipeline.schemas.registry.RegistryClientConfig;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** How every producer sends: pacing, progress, the schema registry (a picocli mixin). */
public final class ProducerOptions {
  @Option(
      names = "--rate",
      paramLabel = "PER_SECOND",
      defaultValue = "0",
      description = "At most this many records per second (default: as fast as possible).")
  double rate;

  @Option(
      names = "--replay-speed",
      paramLabel = "X",
      defaultValue = "0",
      description =
          "Replay with the input's own gaps between event times divided by X (1 = real time,"
              + " 10 = ten times faster; default: off).")
  double replaySpeed;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      description =
          "${COMPLETION-CANDIDATES}: a bar on a terminal, periodic lines otherwise (default: ${DEFAULT-VALUE}).")
  ProgressReporter.Mode progress;

  @Option(
      names = "--registry",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8081",
      description =
          "Schema Registry: http(s)://host:port, mock://scope or file:///dir (default: ${DEFAULT-VALUE}).")
  String registry;

  /**
   * Registry client settings: the URL plus any schema.registry.* / basic.auth.* client property.
   */
  public Map<String, String> registryConfig(Map<String, String> clientProperties) {
    Map<String, String> config = new HashMap<>();
    clientProperties.forEach(
        (k, v) -> {
          if (k.startsWith("schema.registry.") || k.startsWith("basic.auth.")) {
            config.put(k, v);
          }
        });
    config.put(RegistryClientConfig.URL, registry);
    return config;
  }
}
