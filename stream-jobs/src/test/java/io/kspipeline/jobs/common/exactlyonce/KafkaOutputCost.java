package io.kspipeline.jobs.common.exactlyonce;

import io.kspipeline.embedded.BrokerConfig;
import io.kspipeline.embedded.EmbeddedKafkaBroker;
import io.kspipeline.jobs.common.KafkaIO;
import io.kspipeline.jobs.common.KafkaOutputOptions;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The cost of exactly-once Kafka outputs (docs/reliability.md): the same micro-batches written by
 * Spark's Kafka writer (at least once) and by the transactional writer, alternately, to an embedded
 * broker; prints records/s and batch latencies of each. Not a test: run by hand with the test class
 * path, {@code java ... KafkaOutputCost [records-per-batch] [batches]}.
 */
public final class KafkaOutputCost {
  private KafkaOutputCost() {}

  public static void main(String[] args) throws Exception {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int batches = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    try (EmbeddedKafkaBroker kafka =
        EmbeddedKafkaBroker.start(
            BrokerConfig.onFreePorts(Files.createTempDirectory("kafka-output-cost")))) {
      Map<String, String> client =
          Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (Admin admin = Admin.create(Map.copyOf(client))) {
        admin
            .createTopics(
                List.of(
                    new NewTopic("cost-alo", 2, (short) 1), new NewTopic("cost-eos", 2, (short) 1)))
            .all()
            .get();
      }
      TransactionalKafkaWriter writer =
          new TransactionalKafkaWriter(
              client, "cost", "cost-eos", KafkaOutputOptions.DEFAULT_WRITERS);
      writer.prepare();
      Dataset<Row> batch =
          spark
              .range(records)
              .selectExpr(
                  "cast(id % 5000 AS string) AS key",
                  "concat('value-', repeat('x', 90), id) AS value")
              .cache();
      batch.count();
      // One of each first, uncounted: connections, producers, code paths warmed.
      KafkaIO.write(batch, client, "cost-alo");
      StructuredKafkaOutput.write(batch, writer, "cost", 0);
      List<Long> atLeastOnce = new ArrayList<>();
      List<Long> exactlyOnce = new ArrayList<>();
      for (int b = 1; b <= batches; b++) {
        long start = System.nanoTime();
        KafkaIO.write(batch, client, "cost-alo");
        atLeastOnce.add((System.nanoTime() - start) / 1_000_000);
        start = System.nanoTime();
        StructuredKafkaOutput.write(batch, writer, "cost", b);
        exactlyOnce.add((System.nanoTime() - start) / 1_000_000);
      }
      report("at-least-once", records, atLeastOnce);
      report("exactly-once", records, exactlyOnce);
    } finally {
      spark.stop();
    }
  }

  private static void report(String mode, int records, List<Long> millis) {
    List<Long> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    long total = millis.stream().mapToLong(Long::longValue).sum();
    System.out.printf(
        "cost: mode=%s batches=%d records_per_batch=%d records_per_s=%d batch_p50_ms=%d"
            + " batch_max_ms=%d%n",
        mode,
        millis.size(),
        records,
        records * 1000L * millis.size() / Math.max(1, total),
        sorted.get(sorted.size() / 2),
        sorted.get(sorted.size() - 1));
  }
}
