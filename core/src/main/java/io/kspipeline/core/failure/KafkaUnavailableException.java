package io.kspipeline.core.failure;

import java.time.Duration;

/**
 * Kafka could not be used at all, found before any record was sent: no address resolves, no broker
 * accepted a connection, one did but sent no metadata for the topic, or it refused the login.
 */
public final class KafkaUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, in the order a client meets the problems. */
  public enum Reason {
    UNRESOLVED,
    NOT_CONNECTED,
    NO_METADATA,
    LOGIN_REFUSED
  }

  private final Reason reason;
  private final String bootstrap;
  private final String securityProtocol;
  private final String topic;
  private final Duration waited;

  /**
   * @param waited how long the client waited (its max.block.ms); null when it did not wait
   */
  public KafkaUnavailableException(
      Reason reason,
      String bootstrap,
      String securityProtocol,
      String topic,
      Duration waited,
      Throwable cause) {
    super(reason + " at " + bootstrap + ": " + cause.getMessage(), cause);
    this.reason = reason;
    this.bootstrap = bootstrap;
    this.securityProtocol = securityProtocol;
    this.topic = topic;
    this.waited = waited;
  }

  public Reason reason() {
    return reason;
  }

  public String bootstrap() {
    return bootstrap;
  }

  public String securityProtocol() {
    return securityProtocol;
  }

  public String topic() {
    return topic;
  }

  public Duration waited() {
    return waited;
  }
}
