package io.kspipeline.jobs.common.exactlyonce;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.utils.Utils;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch's records to one output topic exactly once, from the executors: the records are
 * split by key among {@link #writers()} writers, and writer {@code i} commits its share in one
 * Kafka transaction together with a {@link BatchMarker} on partition {@code i} of the marker topic.
 * Before it writes, a writer looks at its last committed marker: a batch it has committed already
 * (a batch replayed after a crash, a retried task after the commit) is skipped. In local mode the
 * marker is read once per producer and remembered after each commit, so a batch costs no read.
 * Consumers reading with {@code isolation.level=read_committed} then see each result once.
 *
 * <p>Writer {@code i}'s transactional id is the same in every run ({@code
 * kspipeline-<job>-<topic>-<i>}), so a restarted writer fences its killed predecessor and aborts
 * the transaction that one left open before it reads its marker. The split must be the same on a
 * replay: callers route a record to the writer its key gives ({@link #writerOf} or a hash
 * partitioning of the key with {@code writers} partitions).
 *
 * <p>The transaction spans only the sending of the writer's share: callers open it on the far side
 * of a shuffle, where the results are already computed, so Kafka's default transaction timeout (60
 * s, {@code -X transaction.timeout.ms}) is far longer than a transaction lasts.
 */
public final class TransactionalKafkaWriter implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(TransactionalKafkaWriter.class);
  private static final String PREFIX = "kspipeline";
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);
  // Spark's id of the driver, which is the executor too in local mode.
  private static final String LOCAL_EXECUTOR_ID = "driver";

  /**
   * The header naming the batch of each result: a result of a batch seen twice is a duplicate,
   * where equal results of two batches are not (a job may state an unchanged total again).
   */
  public static final String BATCH_HEADER = "kspipeline.batch";

  /** What a writer did with its share of a batch. */
  public record Outcome(long written, boolean skipped) {}

  private final LinkedHashMap<String, String> client;
  private final String job;
  private final String topic;
  private final int writers;

  /**
   * @param client the Kafka client properties (bootstrap servers included)
   * @param job the job, part of the transactional ids and markers
   * @param topic the output topic
   * @param writers how many writers share the topic's records
   */
  public TransactionalKafkaWriter(
      Map<String, String> client, String job, String topic, int writers) {
    if (writers < 1) {
      throw new IllegalArgumentException("an output has at least one writer, not " + writers);
    }
    this.client = new LinkedHashMap<>(client);
    this.job = job;
    this.topic = topic;
    this.writers = writers;
  }

  public int writers() {
    return writers;
  }

  public String topic() {
    return topic;
  }

  public String markerTopic() {
    return MarkerTopic.of(topic);
  }

  /** The transactional id of writer {@code i}, the same in every run of the job. */
  public String transactionalId(int writer) {
    return PREFIX + "-" + job + "-" + topic + "-" + writer;
  }

  /** The writer of a record key: Kafka's murmur2 of the key, as its default partitioner uses. */
  public int writerOf(byte[] key) {
    return key == null ? 0 : Utils.toPositive(Utils.murmur2(key)) % writers;
  }

  /**
   * On the driver, before the first batch: creates the marker topic when missing, and starts every
   * writer's producer afresh, which aborts the transactions a killed run left open. A writer whose
   * share stays empty would otherwise leave one open until its timeout, and read_committed
   * consumers of the partitions it wrote to could not read past it meanwhile.
   */
  public void prepare() {
    MarkerTopic.ensure(client, markerTopic(), writers);
    for (int i = 0; i < writers; i++) {
      clients(transactionalId(i), true);
    }
  }

  /**
   * Writes one writer's share of a batch in one transaction with its marker, unless its marker says
   * the batch is in already. A share without records opens no transaction: a replay has none
   * either. A retried task attempt starts a new producer, fencing the attempt before it.
   *
   * @param run what the batch ids count within ({@link BatchMarker})
   * @throws KafkaOutputFailure when the writer was fenced (a newer attempt of it is writing) or the
   *     marker topic cannot be read
   */
  public Outcome write(
      int writer, String run, long batchId, Iterator<ProducerRecord<byte[], byte[]>> records) {
    if (!records.hasNext()) {
      return new Outcome(0, false);
    }
    String id = transactionalId(writer);
    TaskContext task = TaskContext.get();
    boolean fence = task != null && (task.attemptNumber() > 0 || task.stageAttemptNumber() > 0);
    while (true) {
      WriterClients clients = clients(id, fence);
      synchronized (clients) {
        Optional<BatchMarker> remembered = clients.rememberedMarker();
        Optional<BatchMarker> last =
            remembered != null && task != null && executorsShareTheDriverJvm()
                ? remembered
                : clients.readLastMarker(markerTopic(), writer, id);
        if (remembered != null && !last.equals(remembered)) {
          // Its share ran on another executor since: that producer fenced this one, which would
          // fail the task at its commit. A new producer here fences that one instead.
          LOG.info(
              "{} batch {}: writer {} committed {} elsewhere since its {} here: new producer",
              job,
              batchId,
              id,
              last.map(BatchMarker::batchId).orElse(null),
              remembered.map(BatchMarker::batchId).orElse(null));
          clients.discard(id, client);
          fence = true;
          continue;
        }
        if (last.isPresent() && last.get().covers(run, batchId)) {
          LOG.info(
              "{} batch {}: writer {} committed it before (its last marker: batch {}): skipped",
              job,
              batchId,
              id,
              last.get().batchId());
          return new Outcome(0, true);
        }
        return new Outcome(inTransaction(clients, id, writer, run, batchId, records), false);
      }
    }
  }

  /**
   * Local mode: every task runs in the driver's JVM, which started the writers' producers itself
   * ({@link #prepare}), so no other instance of a writer commits while the job runs and the marker
   * a writer remembers is its last. Executors of a cluster, and calls from outside a Spark task,
   * read the topic to learn whether a share ran elsewhere since.
   */
  private static boolean executorsShareTheDriverJvm() {
    SparkEnv env = SparkEnv.get();
    return env != null && LOCAL_EXECUTOR_ID.equals(env.executorId());
  }

  private WriterClients clients(String id, boolean fence) {
    try {
      return WriterClients.of(id, client, CLIENT_TIMEOUT, fence);
    } catch (KafkaException e) {
      throw new KafkaOutputFailure(
          "writer "
              + id
              + " of "
              + topic
              + " cannot start a transactional producer ("
              + e.getMessage()
              + "); where the brokers have no transactions, run with --kafka-output at-least-once",
          e);
    }
  }

  private long inTransaction(
      WriterClients clients,
      String id,
      int writer,
      String run,
      long batchId,
      Iterator<ProducerRecord<byte[], byte[]>> records) {
    Producer<byte[], byte[]> producer = clients.producer();
    try {
      producer.beginTransaction();
      byte[] batch = Long.toString(batchId).getBytes(StandardCharsets.UTF_8);
      long sent = 0;
      while (records.hasNext()) {
        ProducerRecord<byte[], byte[]> record = records.next();
        record.headers().add(BATCH_HEADER, batch);
        producer.send(record);
        sent++;
      }
      BatchMarker marker = new BatchMarker(job, run, batchId);
      producer.send(
          new ProducerRecord<>(
              markerTopic(), writer, id.getBytes(StandardCharsets.UTF_8), marker.encode()));
      // Fails when any send failed: the transaction then commits nothing.
      producer.commitTransaction();
      clients.committed(marker);
      return sent;
    } catch (ProducerFencedException
        | InvalidProducerEpochException
        | OutOfOrderSequenceException
        | AuthorizationException
        | UnsupportedVersionException e) {
      clients.discard(id, client);
      throw new KafkaOutputFailure(
          "writer "
              + id
              + " of "
              + topic
              + " cannot commit batch "
              + batchId
              + " ("
              + e.getMessage()
              + "): "
              + (e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException
                  ? "a newer instance of it (a retried task, a restarted job) fenced it; nothing"
                      + " of this attempt is visible"
                  : "the broker refuses transactions to it; run with --kafka-output at-least-once"
                      + " where transactions are not available"),
          e);
    } catch (RuntimeException e) {
      // A commit that timed out may have committed: the topic says.
      clients.forgetLastMarker();
      abortOrDiscard(clients, id);
      throw e;
    }
  }

  private void abortOrDiscard(WriterClients clients, String id) {
    try {
      clients.producer().abortTransaction();
    } catch (KafkaException | IllegalStateException e) {
      // A producer that cannot abort is unusable; the next attempt's producer aborts instead.
      clients.discard(id, client);
    }
  }
}
