package io.kspipeline.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JaasConfigsTest {
  private static final String SCRAM = "org.apache.kafka.common.security.scram.ScramLoginModule";
  // What Spark 3.5's KafkaRedactionUtil.redactJaasParam masks.
  private static final Pattern SPARK_REDACTS = Pattern.compile("password=\".*\"");

  @ParameterizedTest
  @ValueSource(
      strings = {
        SCRAM + " required username=\"app\" password=\"s3cr'et\";",
        SCRAM + " required username='app' password='s3cr\"et';",
        SCRAM + " required\n  username = \"app\"\n  password = 's3cr\"et' ;",
        SCRAM + " required password='p\\\\q' username=app;"
      })
  void shouldSpellEveryQuotingSoSparkMasksThePassword(String jaas) {
    String canonical = JaasConfigs.canonical(jaas);

    assertThat(canonical).startsWith(SCRAM + " required ").endsWith(";");
    assertThat(SPARK_REDACTS.matcher(canonical).replaceAll("password=\"***\""))
        .doesNotContain("s3cr")
        .doesNotContain("p\\q");
    // Kafka reads the same options back.
    assertThat(options(canonical)).isEqualTo(options(jaas));
  }

  @Test
  void shouldKeepTheFlagAndEveryOption() {
    String jaas = SCRAM + " optional username='a' password='b' tokenauth=true;";

    assertThat(JaasConfigs.canonical(jaas))
        .startsWith(SCRAM + " optional ")
        .contains("username=\"a\"", "password=\"b\"", "tokenauth=\"true\"");
  }

  @Test
  void shouldLeaveWhatKafkaCannotParseToKafka() {
    assertThat(JaasConfigs.canonical("secret stuff")).isEqualTo("secret stuff");
    String twoModules = SCRAM + " required a=b; " + SCRAM + " required c=d;";
    assertThat(JaasConfigs.canonical(twoModules)).isEqualTo(twoModules);
    assertThat(JaasConfigs.canonical(null)).isNull();
  }

  private static Map<String, ?> options(String jaas) {
    return JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, new Password(jaas)))
        .configurationEntries()
        .get(0)
        .getOptions();
  }
}
