package io.kspipeline.core.failure;

import io.kspipeline.schemas.registry.SchemaRegistryUnreachableException;
import java.time.Duration;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The one line a newcomer can act on for the failures they meet first: which service did not
 * answer, at what address, and what to pass instead. Every such wording lives here, so producers
 * and jobs say the same thing.
 */
public final class FailureLine {
  /** How the line for a schema registry that did not answer begins. */
  public static final String REGISTRY_UNREACHABLE = "cannot reach the schema registry at ";

  private static final String PLAINTEXT = "PLAINTEXT";
  private static final String SECURITY_HINT =
      "if that listener expects TLS or SASL, set security.protocol (e.g. SASL_SSL), sasl.* and"
          + " ssl.* in --kafka-config";

  private FailureLine() {}

  /** The line for a failure, or one it was caused by; null when none is known. */
  public static String of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SchemaRegistryUnreachableException registry) {
        return registry(registry);
      }
      if (t instanceof KafkaUnavailableException kafka) {
        return kafka(kafka);
      }
      if (t instanceof OneLineFailure line) {
        return line.getMessage();
      }
    }
    return null;
  }

  /**
   * What to check when a send failed during a run, from its exception and the client's {@code
   * security.protocol}: a PLAINTEXT client on a TLS or SASL listener gets no error from the broker,
   * only a metadata timeout. Null for other failures.
   */
  public static String sendFailureHint(Exception failure, String bootstrap, String protocol) {
    if (failure instanceof AuthenticationException) {
      return loginRefused(protocol);
    }
    if (failure instanceof TimeoutException && PLAINTEXT.equalsIgnoreCase(protocol)) {
      return "no answer from Kafka at " + bootstrap + " over PLAINTEXT: " + SECURITY_HINT;
    }
    return null;
  }

  private static String registry(SchemaRegistryUnreachableException e) {
    return REGISTRY_UNREACHABLE
        + e.url()
        + " ("
        + e.reason()
        + "): start it, or pass --registry file:///tmp/schemas to keep the schemas in a local"
        + " directory instead";
  }

  private static String kafka(KafkaUnavailableException e) {
    String at = "Kafka at " + e.bootstrap();
    return switch (e.reason()) {
      case UNRESOLVED ->
          "cannot reach " + at + " (unknown host): pass --bootstrap host:port of a running broker";
      case NOT_CONNECTED ->
          "cannot reach "
              + at
              + " (no connection within "
              + shown(e.waited())
              + "): start Kafka, or pass --bootstrap host:port of a running broker;"
              + " -X max.block.ms=<ms> sets how long to wait";
      case NO_METADATA ->
          at
              + " accepted the connection but sent no metadata for topic "
              + e.topic()
              + " within "
              + shown(e.waited())
              + ": if the topic does not exist and the broker does not create topics, create it"
              + (PLAINTEXT.equalsIgnoreCase(e.securityProtocol())
                  ? "; over PLAINTEXT, " + SECURITY_HINT
                  : "");
      case LOGIN_REFUSED ->
          loginRefused(e.securityProtocol()) + " (" + e.getCause().getMessage() + ")";
    };
  }

  private static String loginRefused(String protocol) {
    return "Kafka refused the login (security.protocol="
        + protocol
        + "): check the user name and password in sasl.jaas.config and sasl.mechanism";
  }

  private static String shown(Duration waited) {
    return waited.toMillis() % 1000 == 0 ? waited.toSeconds() + "s" : waited.toMillis() + "ms";
  }
}
