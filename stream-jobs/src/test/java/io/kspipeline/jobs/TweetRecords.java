package io.kspipeline.jobs;

import io.kspipeline.schemas.avro.Tweet;
import io.kspipeline.schemas.avro.TweetSource;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Tweets for the hashtag jobs' tests, sent as the producer sends them (Confluent-framed Avro). */
public final class TweetRecords {
  public static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private TweetRecords() {}

  /** A tweet created {@code second}s after {@link #T0} with the hashtags as written. */
  public static Tweet tweet(int second, String... hashtags) {
    return Tweet.newBuilder()
        .setId("t" + second + String.join("", hashtags))
        .setCreatedAt(T0.plusSeconds(second))
        .setText(hashtags.length == 0 ? "no tags" : "#" + String.join(" #", hashtags))
        .setHashtags(List.of(hashtags))
        .setSource(TweetSource.SYNTHETIC)
        .build();
  }

  /** A Tweet framed with the registry's id, or a String as raw (undecodable) bytes. */
  public static byte[] framed(String registry, String topic, Object value) {
    return value instanceof Tweet t
        ? new ConfluentAvroSerializer<Tweet>(SchemaRegistries.connect(registry), true)
            .serialize(topic, t)
        : ((String) value).getBytes(StandardCharsets.UTF_8);
  }

  /** Sends Tweets (framed with the registry's ids) and Strings (as raw, undecodable bytes). */
  public static void send(String bootstrap, String registry, String topic, Object... values)
      throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
      for (Object v : values) {
        producer.send(new ProducerRecord<>(topic, null, framed(registry, topic, v))).get();
      }
    }
  }
}
