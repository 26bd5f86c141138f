package io.kspipeline.producer;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.core.failure.FailureLine;
import io.kspipeline.producer.run.Pacer;
import io.kspipeline.producer.run.ProduceCounters;
import io.kspipeline.producer.run.ProduceRun;
import io.kspipeline.producer.run.ProducerMBean;
import io.kspipeline.producer.run.ProgressReporter;
import io.kspipeline.producer.run.RecordEncoder;
import io.kspipeline.producer.source.LineSource;
import io.kspipeline.schemas.avro.DeadLetter;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs one producer: the Kafka producer (idempotent, acks=all, lz4; a broker that cannot be used
 * ends the run before any input is read, see {@link KafkaReadiness}), the dead-letter serializer,
 * progress, --duration, and a shutdown hook so SIGINT/SIGTERM flush everything read before exit.
 */
public final class ProducerLauncher {
  private final String stage;
  private final String topic;
  private final String deadLetterTopic;
  private final KafkaOptions kafka;
  private final RegistryOptions registry;
  private final ProducerOptions options;
  private final SourceOptions sourceOptions;
  private final CountDownLatch summarized = new CountDownLatch(1);

  /** The runs in progress in this JVM, for {@link #stopAll}. */
  private static final Set<ProduceRun> ACTIVE = ConcurrentHashMap.newKeySet();

  ProducerLauncher(
      String stage,
      String topic,
      String deadLetterTopic,
      KafkaOptions kafka,
      RegistryOptions registry,
      ProducerOptions options,
      SourceOptions sourceOptions) {
    this.stage = stage;
    this.topic = topic;
    this.deadLetterTopic = deadLetterTopic;
    this.kafka = kafka;
    this.registry = registry;
    this.options = options;
    this.sourceOptions = sourceOptions;
  }

  /** Producer settings: lossless and ordered first, then throughput; the user's settings win. */
  static Map<String, Object> producerConfig(Map<String, String> clientProperties) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    clientProperties.forEach(
        (k, v) -> {
          if (!RegistryOptions.isRegistrySetting(k)) {
            p.put(k, v);
          }
        });
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    return p;
  }

  /**
   * Runs the source through the encoder into the topic and prints the summary.
   *
   * @param expectedTotal records expected (for progress), or -1 when unknown
   * @return the exit code: 0 unless a send failed for good
   */
  int run(
      LineSource source,
      RecordEncoder encoder,
      long expectedTotal,
      PrintWriter out,
      PrintWriter err)
      throws Exception {
    try {
      return produce(source, encoder, expectedTotal, out, err);
    } finally {
      summarized.countDown();
    }
  }

  private int produce(
      LineSource source,
      RecordEncoder encoder,
      long expectedTotal,
      PrintWriter out,
      PrintWriter err)
      throws Exception {
    Map<String, String> client = kafka.clientProperties();
    ConfluentAvroSerializer<DeadLetter> deadLetters =
        new ConfluentAvroSerializer<>(SchemaRegistries.connect(registry.config(client)), true);
    ProduceCounters counters = new ProduceCounters();
    long started;
    try (Producer<byte[], byte[]> producer = KafkaReadiness.open(producerConfig(client), topic);
        LineSource input = source;
        ProducerMBean metrics = ProducerMBean.register(topic, counters)) {
      // The clock starts once the client exists, as Kafka's ProducerPerformance starts its own:
      // the summary's rate is the rate of the sending run, close (and so the last flush) included.
      started = System.nanoTime();
      ProduceRun run =
          new ProduceRun(
              input,
              encoder,
              producer,
              deadLetters,
              topic,
              deadLetterTopic,
              stage,
              new Pacer(options.rate, options.replaySpeed),
              counters);
      ACTIVE.add(run);
      Thread hook = new Thread(() -> stopAndAwaitSummary(run), "produce-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      Timer timer = stopAfterDuration(input);
      boolean measureBytes = input.totalBytes() > 0;
      try (ProgressReporter progress =
          new ProgressReporter(
              options.progress,
              System.err,
              counters,
              measureBytes ? input::bytesRead : counters::read,
              measureBytes ? input.totalBytes() : expectedTotal,
              "lines")) {
        run.run();
      } finally {
        if (timer != null) {
          timer.cancel();
        }
        removeHook(hook);
        ACTIVE.remove(run);
      }
      if (run.firstFailure() != null) {
        err.println("produce: some sends failed, first error: " + run.firstFailure());
        String hint =
            FailureLine.sendFailureHint(
                run.firstFailure(),
                client.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG),
                client.getOrDefault(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT"));
        if (hint != null) {
          err.println("produce: " + hint);
        }
      }
    }
    ProduceSummary summary = ProduceSummary.of(counters, (System.nanoTime() - started) / 1e9);
    out.println(summary.line(topic));
    out.flush();
    return summary.failed() == 0 ? 0 : 1;
  }

  /**
   * Asks every producer run in this JVM to stop as SIGTERM does: each flushes what it read, prints
   * its summary and returns (used by an embedding app such as the demo).
   */
  public static void stopAll() {
    ACTIVE.forEach(ProduceRun::requestStop);
  }

  /** The shutdown hook: the JVM halts when hooks return, so wait for the flush and summary. */
  private void stopAndAwaitSummary(ProduceRun run) {
    run.requestStop();
    try {
      summarized.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Timer stopAfterDuration(LineSource input) {
    if (sourceOptions.duration() == null) {
      return null;
    }
    Timer timer = new Timer("produce-duration", true);
    timer.schedule(
        new TimerTask() {
          @Override
          public void run() {
            input.stop();
          }
        },
        sourceOptions.duration().toMillis());
    return timer;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running and waits for this run's summary
    }
  }
}
