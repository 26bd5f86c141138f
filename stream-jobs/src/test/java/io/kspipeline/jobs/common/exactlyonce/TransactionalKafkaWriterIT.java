package io.kspipeline.jobs.common.exactlyonce;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.testsupport.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The exactly-once writer on a real broker: a batch written, then replayed, is seen once by a
 * read_committed consumer; a writer killed inside its transaction, or whose records fail midway,
 * leaves nothing visible, and its successor writes the batch once.
 */
class TransactionalKafkaWriterIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  private static final int WRITERS = 2;
  private static final String RUN = "run-1";

  @Test
  void shouldWriteAReplayedBatchOnce() throws Exception {
    String topic = "eos-replayed";
    KAFKA.harness().createTopic(topic, 3);
    TransactionalKafkaWriter writer = writer("replay-job", topic);
    writer.prepare();

    List<TransactionalKafkaWriter.Outcome> first = writeBatch(writer, topic, 7, 20);
    List<TransactionalKafkaWriter.Outcome> replay = writeBatch(writer, topic, 7, 20);
    List<TransactionalKafkaWriter.Outcome> next = writeBatch(writer, topic, 8, 5);

    assertThat(first).extracting(TransactionalKafkaWriter.Outcome::skipped).containsOnly(false);
    assertThat(first).extracting(TransactionalKafkaWriter.Outcome::written).doesNotContain(0L);
    assertThat(replay).extracting(TransactionalKafkaWriter.Outcome::skipped).containsOnly(true);
    assertThat(next).extracting(TransactionalKafkaWriter.Outcome::skipped).containsOnly(false);
    List<String> seen = values(topic);
    assertThat(seen).hasSize(25).doesNotHaveDuplicates();
    assertThat(seen).containsAll(expected(7, 20)).containsAll(expected(8, 5));
    assertThat(KAFKA.harness().readAll(topic))
        .as("each result names its batch")
        .allMatch(
            r ->
                new String(
                        r.headers().lastHeader(TransactionalKafkaWriter.BATCH_HEADER).value(),
                        StandardCharsets.UTF_8)
                    .equals(
                        new String(r.value(), StandardCharsets.UTF_8).startsWith("b7-")
                            ? "7"
                            : "8"));
    assertThat(markers(writer))
        .as("the last marker of each writer")
        .containsExactlyInAnyOrder(
            new BatchMarker("replay-job", RUN, 8), new BatchMarker("replay-job", RUN, 8));
    TopicDescription markerTopic =
        KAFKA
            .harness()
            .admin()
            .describeTopics(List.of(writer.markerTopic()))
            .allTopicNames()
            .get()
            .get(writer.markerTopic());
    assertThat(markerTopic.partitions()).hasSize(WRITERS);
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, writer.markerTopic());
    assertThat(
            KAFKA
                .harness()
                .admin()
                .describeConfigs(List.of(resource))
                .all()
                .get()
                .get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                .value())
        .isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
  }

  @Test
  void shouldWriteBatchIdsOfANewRunAgain() {
    String topic = "eos-new-run";
    KAFKA.harness().createTopic(topic, 1);
    TransactionalKafkaWriter writer = writer("new-run-job", topic);
    writer.prepare();
    writeBatch(writer, topic, 3, 4);

    TransactionalKafkaWriter.Outcome fresh =
        writer.write(0, "run-2", 0, List.of(record(topic, "fresh")).iterator());

    assertThat(fresh).isEqualTo(new TransactionalKafkaWriter.Outcome(1, false));
    assertThat(values(topic)).hasSize(5).contains("fresh");
  }

  @Test
  void shouldLeaveNothingOfAWriterKilledInItsTransactionAndWriteTheBatchOnceAfter()
      throws Exception {
    String topic = "eos-killed";
    KAFKA.harness().createTopic(topic, 1);
    TransactionalKafkaWriter writer = writer("killed-job", topic);
    // The killed JVM's writer 0: its records are in the log, its transaction never ends.
    KafkaProducer<byte[], byte[]> killed = producer(writer.transactionalId(0));
    killed.initTransactions();
    killed.beginTransaction();
    for (int i = 0; i < 3; i++) {
      killed.send(record(topic, "uncommitted-" + i));
    }
    killed.flush();
    killed.close(Duration.ZERO);
    assertThat(KAFKA.harness().readAll(topic)).as("nothing visible while it is open").isEmpty();

    // The restarted job's writers fence it at start (aborting its transaction), then write.
    writer.prepare();
    KAFKA.harness().produceValues(topic, List.of("plain"));
    assertThat(values(topic))
        .as("aborted at start: a record after it is readable before the writer writes again")
        .containsExactly("plain");
    TransactionalKafkaWriter.Outcome restarted =
        writer.write(0, RUN, 1, List.of(record(topic, "committed")).iterator());

    assertThat(restarted.written()).isEqualTo(1);
    assertThat(values(topic)).containsExactly("plain", "committed");
  }

  @Test
  void shouldLeaveNothingOfAShareWhoseRecordsFailMidwayAndWriteItOnTheRetry() {
    String topic = "eos-failed";
    KAFKA.harness().createTopic(topic, 1);
    TransactionalKafkaWriter writer = writer("failed-job", topic);
    writer.prepare();
    Iterator<ProducerRecord<byte[], byte[]>> failing =
        IntStream.range(0, 5)
            .mapToObj(
                i -> {
                  if (i == 3) {
                    throw new IllegalStateException("the task failed computing a record");
                  }
                  return record(topic, "attempt-1-" + i);
                })
            .iterator();

    assertThatThrownBy(() -> writer.write(0, RUN, 2, failing))
        .hasMessage("the task failed computing a record");
    TransactionalKafkaWriter.Outcome retry =
        writer.write(0, RUN, 2, List.of(record(topic, "attempt-2")).iterator());

    assertThat(retry.skipped()).isFalse();
    assertThat(values(topic)).containsExactly("attempt-2");
  }

  /**
   * On a cluster a writer's share runs on whichever executor Spark picks: an instance of the writer
   * on another executor fences this one's producer. The writer notices from its marker and starts a
   * new producer, rather than failing the task at its commit.
   */
  @Test
  void shouldWriteOnAfterTheWritersShareRanOnAnotherExecutor() {
    String topic = "eos-moved";
    KAFKA.harness().createTopic(topic, 1);
    TransactionalKafkaWriter writer = writer("moved-job", topic);
    writer.prepare();
    writer.write(0, RUN, 1, List.of(record(topic, "b1-here")).iterator());
    // Writer 0 on another executor: a producer of the same transactional id commits batch 2.
    try (KafkaProducer<byte[], byte[]> elsewhere = producer(writer.transactionalId(0))) {
      elsewhere.initTransactions();
      elsewhere.beginTransaction();
      elsewhere.send(record(topic, "b2-elsewhere"));
      elsewhere.send(
          new ProducerRecord<>(
              writer.markerTopic(),
              0,
              writer.transactionalId(0).getBytes(StandardCharsets.UTF_8),
              new BatchMarker("moved-job", RUN, 2).encode()));
      elsewhere.commitTransaction();
    }
    // The commit returns before the broker has written its commit markers: the writer reads what a
    // read_committed consumer sees, as it would a batch interval later.
    eventually(
        "the other executor's batch 2 visible to read_committed consumers",
        Duration.ofSeconds(30),
        () -> markers(writer).contains(new BatchMarker("moved-job", RUN, 2)));

    TransactionalKafkaWriter.Outcome replayOfTwo =
        writer.write(0, RUN, 2, List.of(record(topic, "b2-here")).iterator());
    TransactionalKafkaWriter.Outcome three =
        writer.write(0, RUN, 3, List.of(record(topic, "b3-here")).iterator());

    assertThat(replayOfTwo.skipped()).isTrue();
    assertThat(three).isEqualTo(new TransactionalKafkaWriter.Outcome(1, false));
    assertThat(values(topic)).containsExactly("b1-here", "b2-elsewhere", "b3-here");
  }

  @Test
  void shouldSayWhatToDoWhenTheMarkerTopicIsGone() throws Exception {
    String topic = "eos-no-markers";
    KAFKA.harness().createTopic(topic, 1);
    TransactionalKafkaWriter writer = writer("no-markers-job", topic);

    assertThatThrownBy(() -> writer.write(0, RUN, 1, List.of(record(topic, "x")).iterator()))
        .isInstanceOf(KafkaOutputFailure.class)
        .hasMessageContaining("marker topic eos-no-markers-commits does not exist")
        .hasMessageContaining("--kafka-output at-least-once");
  }

  private static TransactionalKafkaWriter writer(String job, String topic) {
    return new TransactionalKafkaWriter(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
        job,
        topic,
        WRITERS);
  }

  /** One batch of {@code count} records, each writer's share written as its task would. */
  private static List<TransactionalKafkaWriter.Outcome> writeBatch(
      TransactionalKafkaWriter writer, String topic, long batchId, int count) {
    List<List<ProducerRecord<byte[], byte[]>>> shares = new ArrayList<>();
    for (int i = 0; i < writer.writers(); i++) {
      shares.add(new ArrayList<>());
    }
    for (String value : expected(batchId, count)) {
      ProducerRecord<byte[], byte[]> r = record(topic, value);
      shares.get(writer.writerOf(r.key())).add(r);
    }
    List<TransactionalKafkaWriter.Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < shares.size(); i++) {
      outcomes.add(writer.write(i, RUN, batchId, shares.get(i).iterator()));
    }
    return outcomes;
  }

  private static List<String> expected(long batchId, int count) {
    return IntStream.range(0, count).mapToObj(i -> "b" + batchId + "-" + i).toList();
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return new ProducerRecord<>(topic, bytes, bytes);
  }

  private static List<String> values(String topic) {
    return KAFKA.harness().readAll(topic).stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  private static List<BatchMarker> markers(TransactionalKafkaWriter writer) {
    List<ConsumerRecord<byte[], byte[]>> all = KAFKA.harness().readAll(writer.markerTopic());
    List<BatchMarker> last = new ArrayList<>();
    for (int p = 0; p < writer.writers(); p++) {
      int partition = p;
      all.stream()
          .filter(r -> r.partition() == partition)
          .reduce((a, b) -> b)
          .ifPresent(r -> last.add(BatchMarker.decode(r.value())));
    }
    return last;
  }

  private static KafkaProducer<byte[], byte[]> producer(String transactionalId) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
