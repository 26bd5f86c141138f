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
 * and kept as the {@link Hit} the count needs (the Streams peer keeps only the endpoint too): Flink
 * can type the generated record only through flink-avro, a second Avro binding.
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
