package io.kspipeline.benchmarks.bench;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroDeserializer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The peer engine of P3: top-urls' windowed count (hits per endpoint, 30 s windows sliding 10 s, by
 * event time, 1 min grace) as a Kafka Streams topology over the same Avro topic. Like Spark's state
 * store it keeps windows in memory. Stops once every expected record has reached the aggregation
 * and prints its {@link ArrivalSpan} line ({@code streams: records=N first_ms=T last_ms=T}).
 */
@Command(name = "streams-windowed-count", mixinStandardHelpOptions = true)
public final class StreamsWindowedCountMain implements Callable<Integer> {
  static final String LINE = "streams:";

  @Option(names = "--bootstrap", required = true)
  String bootstrap;

  @Option(names = "--registry", required = true)
  String registry;

  @Option(names = "--input-topic", required = true)
  String inputTopic;

  @Option(names = "--output-topic", required = true)
  String outputTopic;

  @Option(names = "--expect", required = true, description = "Records to wait for.")
  long expected;

  @Option(names = "--state-dir", required = true)
  Path stateDir;

  @Option(names = "--window", defaultValue = "30s")
  Duration window;

  @Option(names = "--slide", defaultValue = "10s")
  Duration slide;

  private final AtomicLong counted = new AtomicLong();
  private final AtomicLong firstMillis = new AtomicLong();
  private final AtomicLong lastMillis = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);

  public static void main(String[] args) {
    System.exit(PipelineCommandLine.run(new StreamsWindowedCountMain(), args));
  }

  /** Hits per endpoint per hopping window, keyed {@code endpoint@windowStart} in the output. */
  Topology topology() {
    ConfluentAvroDeserializer<AccessLogEvent> reader =
        ConfluentAvroDeserializer.forClass(
            SchemaRegistries.connect(registry), AccessLogEvent.class);
    Serde<AccessLogEvent> events =
        Serdes.serdeFrom(
            (topic, event) -> {
              throw new UnsupportedOperationException("read only");
            },
            reader);
    Duration grace = Duration.ofMinutes(1);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(
            inputTopic,
            Consumed.with(Serdes.ByteArray(), events)
                .withTimestampExtractor(
                    (record, partitionTime) ->
                        ((AccessLogEvent) record.value()).getTimestamp().toEpochMilli()))
        // As top-urls: a request line without an endpoint is a hit on "-" (a null key would be
        // dropped by the repartition).
        .map((key, event) -> KeyValue.pair(endpointOf(event), new byte[0]))
        .repartition(
            Repartitioned.with(Serdes.String(), Serdes.ByteArray()).withName("by-endpoint"))
        .peek((endpoint, none) -> count())
        .groupByKey(Grouped.with(Serdes.String(), Serdes.ByteArray()))
        .windowedBy(TimeWindows.ofSizeAndGrace(window, grace).advanceBy(slide))
        .count(
            Materialized.<String, Long>as(
                    Stores.inMemoryWindowStore("url-hits", window.plus(grace), window, false))
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.Long()))
        .toStream()
        .map((w, hits) -> KeyValue.pair(w.key() + "@" + w.window().start(), hits))
        .to(outputTopic, Produced.with(Serdes.String(), Serdes.Long()));
    return builder.build();
  }

  private static String endpointOf(AccessLogEvent event) {
    return event.getEndpoint() == null ? "-" : event.getEndpoint();
  }

  private void count() {
    long now = System.currentTimeMillis();
    long n = counted.incrementAndGet();
    if (n == 1) {
      firstMillis.set(now);
    }
    if (n == expected) {
      lastMillis.set(now);
      done.countDown();
    }
  }

  @Override
  public Integer call() throws Exception {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-streams-" + outputTopic);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // As many stream threads as Spark has task slots (local[*]).
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Runtime.getRuntime().availableProcessors());
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    try (KafkaStreams streams = new KafkaStreams(topology(), p)) {
      streams.start();
      if (!done.await(10, TimeUnit.MINUTES)) {
        throw new IllegalStateException("only " + counted.get() + " of " + expected + " records");
      }
      System.out.println(
          new ArrivalSpan(counted.get(), firstMillis.get(), lastMillis.get()).line(LINE));
      System.out.flush();
      streams.close(Duration.ofSeconds(20));
    }
    return 0;
  }
}
