package io.kspipeline.jobs.common;

/** A query stopped because offsets it had still to read are gone from Kafka. */
public final class KafkaDataLossException extends IllegalStateException {
  private final transient KafkaDataLoss loss;

  public KafkaDataLossException(KafkaDataLoss loss, Throwable cause) {
    this(loss, loss.message(), cause);
  }

  /** With a message saying how this kind of job can go on. */
  public KafkaDataLossException(KafkaDataLoss loss, String message, Throwable cause) {
    super(message, cause);
    this.loss = loss;
  }

  public KafkaDataLoss loss() {
    return loss;
  }
}
