package io.kspipeline.jobs.common;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.common.divert.Destination;
import io.kspipeline.jobs.common.divert.DivertedRecords;
import io.kspipeline.jobs.common.divert.RefusedRows;
import io.kspipeline.jobs.common.exactlyonce.StructuredKafkaOutput;
import io.kspipeline.jobs.common.exactlyonce.TransactionalKafkaWriter;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import io.kspipeline.jobs.jdbc.RefusedRow;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreachBatch sink of every aggregation job: each micro-batch goes to one or more Kafka topics
 * (keyed, so a compacted topic keeps the latest value per key) and, when configured, is upserted
 * exactly once into a JDBC table; {@code --console} also prints it.
 *
 * <p>Kafka is written before the database commit: if the job dies in between, Spark replays the
 * batch, and both outputs recognise it: the topics' writers by their batch markers ({@link
 * TransactionalKafkaWriter}, unless {@code --kafka-output at-least-once}, which sends the same
 * keyed values again, harmless under compaction), the database by its ledger. The other order could
 * lose the Kafka write.
 *
 * <p>Late records and dead letters stay at least once: they are the input's records set aside, not
 * results, and a replay may send them again; each names the input record it stands for (topic,
 * partition, offset), by which a consumer that must see it once can drop a repeat.
 */
public final class ResultSink implements VoidFunction2<Dataset<Row>, Long> {
  private static final Logger LOG = LoggerFactory.getLogger(ResultSink.class);
  private static final String TABLE_STAGE = "table";

  /** A topic and its records; the writer null when at least once. */
  private record TopicOutput(
      String topic, Function<Dataset<Row>, Dataset<Row>> records, TransactionalKafkaWriter writer)
      implements Serializable {}

  private record Diversion(DivertedRecords records, Function<Dataset<Row>, Dataset<Row>> rows)
      implements Serializable {}

  private final String queryName;
  // Client properties rather than KafkaOptions: DStream jobs checkpoint their sinks.
  private final LinkedHashMap<String, String> kafka;
  private final List<TopicOutput> topics = new ArrayList<>();
  private final List<Diversion> diversions = new ArrayList<>();
  private DivertedRecords refusedRows;
  private JdbcUpsertSink table;
  private Function<Dataset<Row>, Dataset<Row>> tableRows;
  private Function<Dataset<Row>, Dataset<Row>> consoleView;
  private Function<Dataset<Row>, Dataset<Row>> shaping;
  private KafkaOutputOptions.Delivery delivery = KafkaOutputOptions.Delivery.AT_LEAST_ONCE;
  private int writers;
  // Writers are prepared (marker topics, transactions of a killed run aborted) once per start, on
  // the driver, before the first batch is written.
  private transient boolean prepared;

  public ResultSink(String queryName, KafkaOptions kafka) {
    this.queryName = queryName;
    this.kafka = new LinkedHashMap<>(kafka.clientProperties());
  }

  /** How the topics of later {@link #toTopic} calls are written (else at least once). */
  public ResultSink deliveredAs(KafkaOutputOptions output) {
    this.delivery = output.delivery();
    this.writers = output.writers();
    return this;
  }

  /** Writes {@code records(batch)} ({@code key, value} rows) to the topic. */
  public ResultSink toTopic(String topic, Function<Dataset<Row>, Dataset<Row>> records) {
    TransactionalKafkaWriter writer =
        delivery == KafkaOutputOptions.Delivery.EXACTLY_ONCE
            ? new TransactionalKafkaWriter(kafka, queryName, topic, writers)
            : null;
    topics.add(new TopicOutput(topic, records, writer));
    return this;
  }

  /**
   * Sends {@code rows(batch)} (Kafka-shaped, with {@code errorClass} and {@code error}) to the
   * dead-letter destination, where rows the table refuses go too.
   *
   * @param stage the job, as dead letters name the stage that rejected them
   */
  public ResultSink deadLettersTo(
      Destination destination,
      String stage,
      Map<String, String> registryConfig,
      Function<Dataset<Row>, Dataset<Row>> rows) {
    diversions.add(
        new Diversion(DivertedRecords.deadLetters(destination, stage, registryConfig), rows));
    refusedRows =
        DivertedRecords.deadLetters(destination, stage + " " + TABLE_STAGE, registryConfig);
    return this;
  }

  /** Sends {@code rows(batch)} (Kafka-shaped late input records) to the destination. */
  public ResultSink lateRecordsTo(
      Destination destination, Function<Dataset<Row>, Dataset<Row>> rows) {
    diversions.add(new Diversion(DivertedRecords.lateRecords(destination), rows));
    return this;
  }

  /** Upserts {@code rows(batch)} (columns named as the table's) exactly once; null: no table. */
  public ResultSink toTable(JdbcUpsertSink sink, Function<Dataset<Row>, Dataset<Row>> rows) {
    this.table = sink;
    this.tableRows = rows;
    return this;
  }

  /**
   * Applies {@code shape} to each batch before the outputs see it (e.g. ranking across state
   * shards); the outputs then read the shaped batch.
   */
  public ResultSink shapedBy(Function<Dataset<Row>, Dataset<Row>> shape) {
    this.shaping = shape;
    return this;
  }

  /**
   * The query starts on a new checkpoint, its batch ids from 0: the table's ledger forgets the
   * batches of the checkpoint before (a reset, or a deleted checkpoint), which would otherwise be
   * taken for replays and skipped.
   */
  public void startsAfresh() throws java.sql.SQLException {
    if (table != null) {
      int forgotten = table.forgetBatches(queryName);
      if (forgotten > 0) {
        LOG.info(
            "{} starts on a new checkpoint: {} ledger rows of its earlier checkpoint in"
                + " pipeline_batches forgotten",
            queryName,
            forgotten);
      }
    }
  }

  /** Prints {@code view(batch)} each batch (the seed's console sink); null: print nothing. */
  public ResultSink printing(Function<Dataset<Row>, Dataset<Row>> view) {
    this.consoleView = view;
    return this;
  }

  @Override
  public void call(Dataset<Row> input, Long batchId) throws Exception {
    // Before any of the batch's tasks: a counter's routing then drops the bytes it will not need.
    BatchWatermark.handOver(input.sparkSession());
    input.persist();
    Dataset<Row> batch = shaping == null ? input : shaping.call(input).persist();
    try {
      if (consoleView != null) {
        System.out.printf("-------------------------------------------%n");
        System.out.printf("%s: batch %d%n", queryName, batchId);
        System.out.printf("-------------------------------------------%n");
        consoleView.call(batch).show(1000, false);
      }
      for (TopicOutput output : topics) {
        Dataset<Row> records = output.records().call(batch);
        if (output.writer() == null) {
          KafkaIO.write(records, kafka, output.topic());
        } else {
          if (!prepared) {
            output.writer().prepare();
          }
          StructuredKafkaOutput.write(records, output.writer(), queryName, batchId);
        }
      }
      prepared = true;
      for (Diversion diversion : diversions) {
        diversion.records().write(diversion.rows().call(batch), batchId, queryName, kafka);
      }
      if (table != null) {
        long written =
            table.write(
                queryName,
                batchId,
                () -> tableRows.call(batch).toLocalIterator(),
                refused -> divertRefused(batch.sparkSession(), refused, batchId));
        if (written < 0) {
          LOG.info(
              "{} batch {} is already in {}: skipped", queryName, batchId, table.table().name());
        }
      }
    } finally {
      batch.unpersist();
      input.unpersist();
    }
  }

  /** Rows the table refused, as dead letters whose payload is the row as JSON. */
  private void divertRefused(SparkSession spark, List<RefusedRow> refused, long batchId) {
    if (refusedRows == null) {
      throw new IllegalStateException(
          refused.size() + " row(s) refused by " + table.table().name() + ": " + refused.get(0));
    }
    LOG.warn(
        "{} batch {}: {} row(s) refused by table {}, sent to the dead letters ({}); first: {}",
        queryName,
        batchId,
        refused.size(),
        table.table().name(),
        refusedRows.destination(),
        refused.get(0).reason());
    refusedRows.add(RefusedRows.asDeadLetterRows(spark, refused), batchId, queryName, kafka);
  }
}
