package io.kspipeline.producer;

import io.kspipeline.core.failure.KafkaUnavailableException;
import io.kspipeline.core.failure.KafkaUnavailableException.Reason;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Opens the producer's client and waits (max.block.ms) for the topic's metadata before any input is
 * read, so a broker that is down, a wrong address or a refused login ends the run at once with a
 * {@link KafkaUnavailableException}, rather than failing each record after max.block.ms.
 */
final class KafkaReadiness {
  /** Connections the client made, a metric of its network layer. */
  private static final String CONNECTIONS = "connection-creation-total";

  private KafkaReadiness() {}

  static Producer<byte[], byte[]> open(Map<String, Object> config, String topic) {
    KafkaProducer<byte[], byte[]> producer;
    try {
      producer = new KafkaProducer<>(config);
    } catch (KafkaException e) {
      if (e.getCause() instanceof ConfigException unresolved
          && String.valueOf(unresolved.getMessage()).startsWith("No resolvable bootstrap")) {
        throw unavailable(Reason.UNRESOLVED, config, topic, null, unresolved);
      }
      throw e;
    }
    try {
      producer.partitionsFor(topic);
      return producer;
    } catch (AuthenticationException e) {
      producer.close(Duration.ZERO);
      throw unavailable(Reason.LOGIN_REFUSED, config, topic, null, e);
    } catch (TimeoutException e) {
      Reason reason = connections(producer) > 0 ? Reason.NO_METADATA : Reason.NOT_CONNECTED;
      producer.close(Duration.ZERO);
      throw unavailable(reason, config, topic, Duration.ofMillis(maxBlockMillis(config)), e);
    }
  }

  private static KafkaUnavailableException unavailable(
      Reason reason, Map<String, Object> config, String topic, Duration waited, Throwable cause) {
    return new KafkaUnavailableException(
        reason,
        String.valueOf(config.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)),
        String.valueOf(
            config.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT")),
        topic,
        waited,
        cause);
  }

  private static double connections(Producer<?, ?> producer) {
    return producer.metrics().entrySet().stream()
        .filter(metric -> metric.getKey().name().equals(CONNECTIONS))
        .mapToDouble(metric -> ((Number) metric.getValue().metricValue()).doubleValue())
        .sum();
  }

  private static long maxBlockMillis(Map<String, Object> config) {
    Object set = config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
    return set != null
        ? Long.parseLong(set.toString().trim())
        : (Long) ProducerConfig.configDef().defaultValues().get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
  }
}
