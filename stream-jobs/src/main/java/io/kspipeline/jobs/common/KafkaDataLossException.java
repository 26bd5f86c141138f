package io.kspipeline.jobs.common;

/** A query stopped because offsets it had still to read are gone from Kafka. */
public final class KafkaDataLossException extends IllegalStateException {
  private final transient KafkaDataLoss loss;

  public KafkaDataLossException(KafkaDataLoss loss, Throwable cause) {
    super(loss.message(), cause);
    this.loss = loss;
  }

  public KafkaDataLoss loss() {
    return loss;
  }
}
