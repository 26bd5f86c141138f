package io.kspipeline.benchmarks.bench;

import java.time.Instant;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Seeded web actions as the JSON action-counts reads ({@code {"action":..., "time": ISO-8601,
 * "userId":...}}): our producer has no such kind, and the job's input is plain JSON.
 */
final class WebActions {
  private static final String[] ACTIONS = {"Open", "Close", "Click", "Scroll", "Search", "Buy"};
  private static final int USERS = 10_000;

  private final SplittableRandom random;
  private final long startMillis;
  private final double millisPerAction;

  WebActions(long seed, Instant start, double actionsPerSecond) {
    this.random = new SplittableRandom(seed);
    this.startMillis = start.toEpochMilli();
    this.millisPerAction = 1000.0 / actionsPerSecond;
  }

  /** The n-th action: its time is n actions after the start, at the given density. */
  String json(long n) {
    Instant time = Instant.ofEpochMilli(startMillis + (long) (n * millisPerAction));
    return "{\"action\":\""
        + ACTIONS[random.nextInt(ACTIONS.length)]
        + "\",\"time\":\""
        + time
        + "\",\"userId\":\"u"
        + random.nextInt(USERS)
        + "\"}";
  }

  /** Writes {@code count} actions to the topic, unkeyed; fails if any write failed. */
  void send(String bootstrap, String topic, long count) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], String> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new StringSerializer())) {
      for (long n = 0; n < count && failure.get() == null; n++) {
        producer.send(
            new ProducerRecord<>(topic, json(n)),
            (metadata, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("web actions not written to " + topic, failure.get());
    }
  }
}
