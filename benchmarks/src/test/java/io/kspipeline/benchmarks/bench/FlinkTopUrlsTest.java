package io.kspipeline.benchmarks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.benchmarks.bench.FlinkTopUrls.Hit;
import io.kspipeline.benchmarks.bench.FlinkTopUrls.WindowCount;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The Flink peer's decoding, windows and rankings, on records with chosen event times. */
class FlinkTopUrlsTest {
  private static Hit hit(String endpoint, int second) {
    return new Hit(endpoint, second * 1_000L);
  }

  private static String rank(int windowStartSecond, int rank, String endpoint, long hits) {
    return String.format(
        Locale.ROOT,
        "start_ms=%d rank=%d endpoint=%s hits=%d",
        windowStartSecond * 1_000L,
        rank,
        endpoint,
        hits);
  }

  @Test
  void shouldRankByHitsThenByEndpoint() {
    List<WindowCount> counts =
        List.of(
            new WindowCount(0, "/b", 1),
            new WindowCount(0, "/c", 5),
            new WindowCount(0, "/a", 1),
            new WindowCount(0, "/d", 2));

    assertThat(FlinkTopUrls.top(counts, 3))
        .containsExactly(
            new WindowCount(0, "/c", 5), new WindowCount(0, "/d", 2), new WindowCount(0, "/a", 1));
    assertThat(FlinkTopUrls.top(counts, 10)).hasSize(4);
  }

  @Test
  void shouldRankTheTopOfEverySlidingWindowAndTimeEveryArrival() throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(2, FlinkWindowedCountMain.config());
    List<Hit> hits =
        List.of(
            hit("/a", 1),
            hit("/a", 2),
            hit("/b", 3),
            hit("/a", 15),
            hit("/c", 25),
            hit("/c", 26),
            hit("/b", 35));
    CloseableIterator<String> out =
        FlinkTopUrls.rankings(
                env.fromData(hits)
                    .assignTimestampsAndWatermarks(FlinkTopUrls.watermarks(Duration.ofMinutes(1))),
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                2)
            .collectAsync();
    long before = System.currentTimeMillis();
    JobClient job = env.executeAsync("flink-top-urls-test");
    List<String> rankings = new ArrayList<>();
    out.forEachRemaining(rankings::add);
    JobExecutionResult result = job.getJobExecutionResult().get();

    // 30 s windows every 10 s: each hit counts in the three windows that hold it.
    assertThat(rankings)
        .containsExactlyInAnyOrder(
            rank(-20, 1, "/a", 2),
            rank(-20, 2, "/b", 1),
            rank(-10, 1, "/a", 3),
            rank(-10, 2, "/b", 1),
            rank(0, 1, "/a", 3),
            rank(0, 2, "/c", 2),
            rank(10, 1, "/c", 2),
            rank(10, 2, "/a", 1), // tied with /b at 1: endpoint order
            rank(20, 1, "/c", 2),
            rank(20, 2, "/b", 1),
            rank(30, 1, "/b", 1));
    ArrivalSpan arrivals = FlinkTopUrls.arrivals(result);
    assertThat(arrivals.records()).isEqualTo(hits.size());
    assertThat(arrivals.firstMillis())
        .isBetween(before, arrivals.lastMillis())
        .isLessThanOrEqualTo(System.currentTimeMillis());
  }

  @Test
  void shouldDecodeWithOurDeserializerAndCountAMissingEndpointAsDash() {
    String registry = "mock://flink-top-urls-test";
    ConfluentAvroSerializer<AccessLogEvent> serializer =
        new ConfluentAvroSerializer<>(SchemaRegistries.connect(registry), true);
    AccessLogHits hits = new AccessLogHits(registry);
    hits.open(null);
    List<Hit> out = new ArrayList<>();
    Collector<Hit> collector =
        new Collector<>() {
          @Override
          public void collect(Hit hit) {
            out.add(hit);
          }

          @Override
          public void close() {}
        };

    for (String endpoint : new String[] {"/index.html", null}) {
      AccessLogEvent event =
          AccessLogEvent.newBuilder()
              .setClientIp("192.0.2.1")
              .setTimestamp(Instant.ofEpochMilli(1_480_000_000_123L))
              .setEndpoint(endpoint)
              .setStatus(200)
              .build();
      byte[] value = serializer.serialize("access-logs", event);
      hits.deserialize(new ConsumerRecord<>("access-logs", 0, 0, null, value), collector);
    }

    assertThat(out)
        .containsExactly(
            new Hit("/index.html", 1_480_000_000_123L), new Hit("-", 1_480_000_000_123L));
  }
}
