package io.kspipeline.core.failure;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.failure.KafkaUnavailableException.Reason;
import io.kspipeline.schemas.registry.SchemaRegistryUnreachableException;
import java.net.ConnectException;
import java.time.Duration;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class FailureLineTest {
  private static KafkaUnavailableException kafka(Reason reason, String protocol) {
    return new KafkaUnavailableException(
        reason,
        "kafka:9093",
        protocol,
        "tweets",
        Duration.ofSeconds(60),
        new TimeoutException("Topic tweets not present in metadata after 60000 ms."));
  }

  @Test
  void shouldFindTheRegistryFailureInsideOtherExceptions() {
    SchemaRegistryUnreachableException unreachable =
        new SchemaRegistryUnreachableException(
            "http://registry:8081", "GET http://registry:8081/x", new ConnectException());

    assertThat(FailureLine.of(new IllegalStateException("job failed", unreachable)))
        .isEqualTo(
            "cannot reach the schema registry at http://registry:8081 (could not connect): start"
                + " it, or pass --registry file:///tmp/schemas to keep the schemas in a local"
                + " directory instead");
  }

  @Test
  void shouldTellABrokerThatAnswersNothingOverPlaintextFromAMissingTopic() {
    assertThat(FailureLine.of(kafka(Reason.NO_METADATA, "PLAINTEXT")))
        .isEqualTo(
            "Kafka at kafka:9093 accepted the connection but sent no metadata for topic tweets"
                + " within 60s: if the topic does not exist and the broker does not create topics,"
                + " create it; over PLAINTEXT, if that listener expects TLS or SASL, set"
                + " security.protocol (e.g. SASL_SSL), sasl.* and ssl.* in --kafka-config");
    assertThat(FailureLine.of(kafka(Reason.NO_METADATA, "SASL_SSL")))
        .isEqualTo(
            "Kafka at kafka:9093 accepted the connection but sent no metadata for topic tweets"
                + " within 60s: if the topic does not exist and the broker does not create topics,"
                + " create it");
  }

  @Test
  void shouldSayTheLoginWasRefusedWithKafkasReason() {
    KafkaUnavailableException refused =
        new KafkaUnavailableException(
            Reason.LOGIN_REFUSED,
            "kafka:9093",
            "SASL_SSL",
            "tweets",
            null,
            new SaslAuthenticationException("invalid credentials"));

    assertThat(FailureLine.of(refused))
        .isEqualTo(
            "Kafka refused the login (security.protocol=SASL_SSL): check the user name and"
                + " password in sasl.jaas.config and sasl.mechanism (invalid credentials)");
  }

  @Test
  void shouldKnowNothingOfOtherFailures() {
    assertThat(FailureLine.of(new IllegalArgumentException("bad"))).isNull();
    assertThat(FailureLine.sendFailureHint(new TimeoutException("t"), "k:1", "SSL")).isNull();
  }

  /** A failure that is its own line: printed as it is, also when Spark wrapped it. */
  private static final class Refused extends IllegalStateException implements OneLineFailure {
    Refused(String message) {
      super(message);
    }
  }

  @Test
  void shouldPrintAOneLineFailureAsItIsWhereverItIsInTheChain() {
    assertThat(FailureLine.of(new RuntimeException("wrapped", new Refused("do this: type that"))))
        .isEqualTo("do this: type that");
  }
}
