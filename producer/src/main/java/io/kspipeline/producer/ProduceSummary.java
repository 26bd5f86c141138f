package io.kspipeline.producer;

/** What a produce run did with its input; every line read is accounted for. */
public record ProduceSummary(long read, long skippedBlank, long acknowledged, long failed) {

  ProduceSummary withDelivery(long acknowledged, long failed) {
    return new ProduceSummary(read, skippedBlank, acknowledged, failed);
  }

  public String line(String topic) {
    return String.format(
        "produce: topic=%s read=%d sent=%d skipped_blank=%d failed=%d",
        topic, read, acknowledged, skippedBlank, failed);
  }
}
