package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** One producer per client configuration and JVM, whatever map the configuration comes in. */
class SharedProducersTest {
  private final List<Map<String, String>> made = new ArrayList<>();
  private final SharedProducers producers =
      new SharedProducers(
          config -> {
            made.add(config);
            return new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());
          });

  @Test
  void shouldMakeOneProducerPerConfigurationAndShareIt() {
    Map<String, String> ordered = new LinkedHashMap<>();
    ordered.put("bootstrap.servers", "a:9092");
    ordered.put("security.protocol", "SSL");
    Map<String, String> sorted = new TreeMap<>(ordered);

    Producer<byte[], byte[]> first = producers.get(ordered);
    Producer<byte[], byte[]> again = producers.get(sorted);
    Producer<byte[], byte[]> other = producers.get(Map.of("bootstrap.servers", "b:9092"));

    assertThat(again).isSameAs(first);
    assertThat(other).isNotSameAs(first);
    assertThat(made).containsExactly(ordered, Map.of("bootstrap.servers", "b:9092"));
  }

  @Test
  void shouldNotSeeLaterChangesOfTheCallersMap() {
    Map<String, String> config = new LinkedHashMap<>(Map.of("bootstrap.servers", "a:9092"));
    Producer<byte[], byte[]> first = producers.get(config);

    config.put("bootstrap.servers", "b:9092");

    assertThat(producers.get(config)).isNotSameAs(first);
    assertThat(producers.get(Map.of("bootstrap.servers", "a:9092"))).isSameAs(first);
  }
}
