package io.kspipeline.jobs.common;

import io.kspipeline.core.config.KafkaOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Spark's data-loss failure into a {@link KafkaDataLossException} naming the lost range:
 * Spark names the first offset it missed; the broker's log start offset closes the range.
 */
final class DataLossDiagnosis {
  private static final Logger LOG = LoggerFactory.getLogger(DataLossDiagnosis.class);
  private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(10);

  private DataLossDiagnosis() {}

  /**
   * The data loss behind {@code failure}, if any.
   *
   * @param kafka the job's Kafka settings to ask where the log starts; null to leave it open
   */
  static Optional<KafkaDataLossException> of(Throwable failure, KafkaOptions kafka) {
    return KafkaDataLoss.in(failure)
        .map(loss -> new KafkaDataLossException(withLogStart(loss, kafka), failure));
  }

  private static KafkaDataLoss withLogStart(KafkaDataLoss loss, KafkaOptions kafka) {
    if (kafka == null) {
      return loss;
    }
    TopicPartition partition = new TopicPartition(loss.topic(), loss.partition());
    Map<String, Object> config = new HashMap<>(kafka.clientProperties());
    try (Admin admin = Admin.create(config)) {
      long logStart =
          admin
              .listOffsets(Map.of(partition, OffsetSpec.earliest()))
              .partitionResult(partition)
              .get(LOOKUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .offset();
      return loss.withFirstAvailable(logStart);
    } catch (Exception e) {
      // The failure is reported either way; only the end of the range stays unknown.
      LOG.warn("cannot read the log start offset of {}: {}", partition, e.toString());
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return loss;
    }
  }
}
