package io.kspipeline.producer;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producer properties: lossless and ordered first, then tuned for throughput. */
public final class ProducerSettings {
  private ProducerSettings() {}

  /**
   * Idempotent, acks=all, lz4, 10 ms linger and 128 KiB batches; the user's client properties
   * (security, -X) are applied on top.
   */
  public static Map<String, Object> reliable(Map<String, String> clientProperties) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.putAll(clientProperties);
    return p;
  }
}
