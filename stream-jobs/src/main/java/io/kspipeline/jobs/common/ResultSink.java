package io.kspipeline.jobs.common;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import java.sql.SQLException;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The foreachBatch sink every aggregation job uses: each micro-batch of results goes to a Kafka
 * topic (keyed, so a compacted topic keeps the latest value per key) and, when configured, is
 * upserted exactly once into a JDBC table.
 *
 * <p>Kafka is written before the database commit: if the job dies in between, Spark replays the
 * batch, Kafka gets the same keyed values again (harmless under compaction) and the database skips
 * the batch it already holds. The other order could lose the Kafka write.
 */
public final class ResultSink implements VoidFunction2<Dataset<Row>, Long> {
  private static final Logger LOG = LoggerFactory.getLogger(ResultSink.class);

  private final String queryName;
  private final KafkaOptions kafka;
  private final String topic;
  private final Function<Dataset<Row>, Dataset<Row>> toKafkaRecords;
  private final JdbcUpsertSink jdbc;
  private final boolean console;
  private final String[] consoleOrder;

  /**
   * @param toKafkaRecords maps result rows to {@code key, value} rows for the topic
   * @param jdbc the table sink, or null to write Kafka only
   * @param consoleOrder columns to sort by when printing batches with --console
   */
  public ResultSink(
      String queryName,
      KafkaOptions kafka,
      String topic,
      Function<Dataset<Row>, Dataset<Row>> toKafkaRecords,
      JdbcUpsertSink jdbc,
      boolean console,
      String... consoleOrder) {
    this.queryName = queryName;
    this.kafka = kafka;
    this.topic = topic;
    this.toKafkaRecords = toKafkaRecords;
    this.jdbc = jdbc;
    this.console = console;
    this.consoleOrder = consoleOrder;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) throws Exception {
    batch.persist();
    try {
      if (console) {
        System.out.printf("-------------------------------------------%n");
        System.out.printf("%s: batch %d%n", queryName, batchId);
        System.out.printf("-------------------------------------------%n");
        Dataset<Row> shown = consoleOrder.length == 0 ? batch : batch.orderBy(first(), rest());
        shown.show(1000, false);
      }
      KafkaIO.write(toKafkaRecords.call(batch), kafka, topic);
      if (jdbc != null) {
        long written = writeTable(batch, batchId);
        LOG.debug(
            "{} batch {}: {} rows upserted into {}",
            queryName,
            batchId,
            written,
            jdbc.table().name());
      }
    } finally {
      batch.unpersist();
    }
  }

  private long writeTable(Dataset<Row> batch, long batchId) throws SQLException {
    long written = jdbc.write(queryName, batchId, batch.toLocalIterator());
    if (written < 0) {
      LOG.info("{} batch {} is already in {}: skipped", queryName, batchId, jdbc.table().name());
    }
    return written;
  }

  private String first() {
    return consoleOrder[0];
  }

  private String[] rest() {
    return java.util.Arrays.copyOfRange(consoleOrder, 1, consoleOrder.length);
  }
}
