package io.kspipeline.benchmarks.bench;

import io.kspipeline.benchmarks.bench.FlinkTopUrls.Hit;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Access-log values decoded by our Avro deserializer, against the same registry as the other peers,
 * and kept as the {@link Hit} the count needs: the decoded record itself would need Kryo (its
 * {@code Instant}), which the Flink peer runs without.
 */
final class AccessLogHits implements KafkaRecordDeserializationSchema<Hit> {
  private final String registry;
  private transient ConfluentAvroDeserializer<AccessLogEvent> values;

  AccessLogHits(String registry) {
    this.registry = registry;
  }

  @Override
  public void open(DeserializationSchema.InitializationContext context) {
    values =
        ConfluentAvroDeserializer.forClass(
            SchemaRegistries.connect(registry), AccessLogEvent.class);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Hit> out) {
    AccessLogEvent event = values.deserialize(record.topic(), record.value());
    // As top-urls: a request line without an endpoint is a hit on "-".
    String endpoint = event.getEndpoint() == null ? "-" : event.getEndpoint();
    out.collect(new Hit(endpoint, event.getTimestamp().toEpochMilli()));
  }

  @Override
  public TypeInformation<Hit> getProducedType() {
    return TypeInformation.of(Hit.class);
  }
}
