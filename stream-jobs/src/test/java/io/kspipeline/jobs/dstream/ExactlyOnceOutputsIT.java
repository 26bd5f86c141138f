package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.common.exactlyonce.StructuredKafkaOutput;
import io.kspipeline.jobs.common.exactlyonce.TransactionalKafkaWriter;
import io.kspipeline.testsupport.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import scala.Tuple2;

/**
 * Both APIs' Kafka outputs through the shared exactly-once writer, run by Spark on a real broker: a
 * batch and its replay (same batch id) leave each result once for a read_committed consumer, and
 * the DStream pass still brings every result back to the driver when its batch is skipped.
 */
class ExactlyOnceOutputsIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  private static final int WRITERS = 3;

  @Test
  void shouldWriteAStructuredBatchOnceWhenItIsReplayed() {
    String topic = "eos-structured";
    KAFKA.harness().createTopic(topic, 2);
    SparkSession spark = SparkTestSession.get();
    TransactionalKafkaWriter writer = writer("structured-job", topic);
    writer.prepare();
    Dataset<Row> batch =
        spark
            .createDataset(keys(40), Encoders.STRING())
            .selectExpr("value AS key", "concat('hits-', value) AS value");

    StructuredKafkaOutput.write(batch, writer, "structured-job", 11);
    StructuredKafkaOutput.write(batch, writer, "structured-job", 11);

    assertThat(values(topic))
        .hasSize(40)
        .doesNotHaveDuplicates()
        .allMatch(v -> v.startsWith("hits-k"));
  }

  @Test
  void shouldWriteADStreamBatchOnceWhenItIsReplayedAndStillReturnItsResults() {
    String topic = "eos-dstream";
    KAFKA.harness().createTopic(topic, 2);
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(SparkTestSession.get().sparkContext());
    TransactionalKafkaWriter writer = writer("dstream-job", topic);
    writer.prepare();
    JavaRDD<Tuple2<String, Long>> totals =
        sc.parallelize(
            IntStream.range(0, 30).mapToObj(i -> new Tuple2<>("tag" + i, (long) i)).toList(), 4);
    KafkaResults.ToRecord<Tuple2<String, Long>> record =
        t ->
            new ProducerRecord<>(
                topic, KafkaResults.utf8(t._1()), KafkaResults.utf8(t._1() + "=" + t._2()));
    Time batch = new Time(1_700_000_000_000L);

    OutputPass<Tuple2<String, Long>> first =
        OutputPass.run(
            KafkaResults.sendingOnce(totals, writer, "dstream-job", batch, record, true));
    OutputPass<Tuple2<String, Long>> replay =
        OutputPass.run(
            KafkaResults.sendingOnce(totals, writer, "dstream-job", batch, record, true));

    assertThat(first.results()).containsExactlyInAnyOrderElementsOf(totals.collect());
    assertThat(replay.results())
        .as("a skipped batch's results still reach the table and the console")
        .containsExactlyInAnyOrderElementsOf(totals.collect());
    assertThat(values(topic)).hasSize(30).doesNotHaveDuplicates().contains("tag7=7");
  }

  private static TransactionalKafkaWriter writer(String job, String topic) {
    return new TransactionalKafkaWriter(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
        job,
        topic,
        WRITERS);
  }

  private static List<String> keys(int n) {
    return IntStream.range(0, n).mapToObj(i -> "k" + i).toList();
  }

  private static List<String> values(String topic) {
    return KAFKA.harness().readAll(topic).stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }
}
