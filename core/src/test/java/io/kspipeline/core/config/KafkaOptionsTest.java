package io.kspipeline.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class KafkaOptionsTest {
  @Command(name = "sample")
  static class Sample {
    @Mixin KafkaOptions kafka;
  }

  @Test
  void shouldLayerFileThenOverridesOverBootstrap(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file, "security.protocol=SASL_SSL\nsasl.jaas.config=secret stuff\nlinger.ms=5\n");
    Sample sample = new Sample();
    new CommandLine(sample)
        .parseArgs(
            "--bootstrap", "b:9093", "--kafka-config", file.toString(), "-X", "linger.ms=20");

    Map<String, String> props = sample.kafka.clientProperties();
    assertThat(props)
        .containsEntry("bootstrap.servers", "b:9093")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("linger.ms", "20");
    assertThat(KafkaOptions.redacted(props))
        .containsEntry("sasl.jaas.config", "[hidden]")
        .containsEntry("security.protocol", "SASL_SSL");
  }

  @Test
  void shouldHandOnAJaasLoginInTheSpellingSparkRedacts(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("client.properties");
    Files.writeString(
        file,
        "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username='app' password='pw';\n");
    Sample sample = new Sample();
    new CommandLine(sample).parseArgs("--kafka-config", file.toString());

    assertThat(sample.kafka.clientProperties().get("sasl.jaas.config"))
        .contains("password=\"pw\"")
        .doesNotContain("'");
  }

  @Test
  void shouldTreatPasswordsKeysAndTokensAsSecrets() {
    assertThat(KafkaOptions.isSecret("ssl.keystore.password")).isTrue();
    assertThat(KafkaOptions.isSecret("ssl.key.password")).isTrue();
    assertThat(KafkaOptions.isSecret("sasl.oauthbearer.token.endpoint.url")).isTrue();
    assertThat(KafkaOptions.isSecret("ssl.truststore.type")).isFalse();
  }
}
