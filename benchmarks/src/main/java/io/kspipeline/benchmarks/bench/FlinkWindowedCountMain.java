package io.kspipeline.benchmarks.bench;

import io.kspipeline.benchmarks.bench.FlinkTopUrls.Hit;
import io.kspipeline.core.config.PipelineCommandLine;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Flink peer of P3F: {@link FlinkTopUrls} over the same Avro topic as top-urls and the Kafka
 * Streams peer, on a local MiniCluster with one slot per core, rankings to a Kafka topic. The
 * source stops at the end offsets the topic has when the job starts, so the job ends by itself; it
 * then prints its {@link ArrivalSpan} line ({@code flink: records=N first_ms=T last_ms=T}).
 */
@Command(name = "flink-windowed-count", mixinStandardHelpOptions = true)
public final class FlinkWindowedCountMain implements Callable<Integer> {
  static final String LINE = "flink:";

  /** top-urls' default watermark, the Streams peer's grace. */
  private static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(1);

  @Option(names = "--bootstrap", required = true)
  String bootstrap;

  @Option(names = "--registry", required = true)
  String registry;

  @Option(names = "--input-topic", required = true)
  String inputTopic;

  @Option(names = "--output-topic", required = true)
  String outputTopic;

  @Option(
      names = "--expect",
      required = true,
      description = "Records in the backlog: the run fails unless every one was counted.")
  long expected;

  @Option(names = "--window", defaultValue = "30s")
  Duration window;

  @Option(names = "--slide", defaultValue = "10s")
  Duration slide;

  @Option(names = "--top", defaultValue = "10")
  int top;

  public static void main(String[] args) {
    System.exit(PipelineCommandLine.run(new FlinkWindowedCountMain(), args));
  }

  static Configuration config() {
    Configuration config = new Configuration();
    // A streaming job over a bounded backlog, as the other peers run; batch mode (what Flink
    // would pick for a bounded source) sorts by key instead of windowing as records arrive.
    config.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    // Flink's Kryo is left off the class path (Spark's is another major version): a type that
    // would need it fails when the job is built, not while it runs.
    config.set(PipelineOptions.GENERIC_TYPES, false);
    // Records are immutable: chained operators may hand them on without a copy.
    config.set(PipelineOptions.OBJECT_REUSE, true);
    return config;
  }

  @Override
  public Integer call() throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(
            Runtime.getRuntime().availableProcessors(), config());
    KafkaSource<Hit> source =
        KafkaSource.<Hit>builder()
            .setBootstrapServers(bootstrap)
            .setTopics(inputTopic)
            .setGroupId("bench-flink-" + outputTopic)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.latest())
            .setDeserializer(new AccessLogHits(registry))
            .build();
    KafkaSink<String> rankings =
        KafkaSink.<String>builder()
            .setBootstrapServers(bootstrap)
            .setRecordSerializer(
                KafkaRecordSerializationSchema.<String>builder()
                    .setTopic(outputTopic)
                    .setValueSerializationSchema(new SimpleStringSchema())
                    .build())
            .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
            .build();
    FlinkTopUrls.rankings(
            env.fromSource(source, FlinkTopUrls.watermarks(OUT_OF_ORDERNESS), "access-logs"),
            window,
            slide,
            top)
        .sinkTo(rankings)
        .name("rankings");
    JobExecutionResult result = env.execute("flink-windowed-count");
    ArrivalSpan span = FlinkTopUrls.arrivals(result);
    if (span.records() != expected) {
      throw new IllegalStateException(
          span.records() + " records counted, " + expected + " expected in the backlog");
    }
    System.out.println(span.line(LINE));
    System.out.flush();
    return 0;
  }
}
