package io.kspipeline.jobs.dstream;

import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import java.sql.SQLException;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.streaming.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of the DStream jobs' outputs: the exactly-once table write of a batch's results
 * (the batch time is the ledger's batch id) and the console. The results reach the driver from the
 * same Spark job that sent them to Kafka ({@link KafkaResults}), so Kafka is written before the
 * database commit, as the Structured jobs' sink does: a batch replayed after a failure is skipped
 * by the database, and by the Kafka writers whose markers hold it (at least once: its keyed records
 * are sent again).
 */
public final class DStreamOutputs {
  private static final Logger LOG = LoggerFactory.getLogger(DStreamOutputs.class);

  /** As many result lines as the Structured jobs' console shows per batch. */
  private static final int CONSOLE_ROWS = 1000;

  /** As many elements as DStream.print() shows. */
  private static final int PRINT_ELEMENTS = 10;

  private static final String RULE = "-------------------------------------------";

  private DStreamOutputs() {}

  /**
   * Upserts a batch's rows and its ledger row in one transaction; a batch already there is skipped.
   * Rows the table refuses go to the job's dead letters before the commit.
   */
  static void upsert(
      JdbcUpsertSink table, String name, Time batch, List<Row> rows, DeadLettering deadLetters)
      throws SQLException {
    long batchTime = batch.milliseconds();
    if (table.write(
            name, batchTime, rows::iterator, refused -> deadLetters.divertRefused(batch, refused))
        < 0) {
      LOG.info("{} batch {} is already in {}: skipped", name, batchTime, table.table().name());
    }
  }

  /** Prints a batch's results under the banner the Structured jobs' console output has. */
  public static void print(String name, long batchTime, List<String> lines) {
    StringBuilder out = new StringBuilder();
    out.append(RULE).append('\n').append(name).append(": batch ").append(batchTime).append('\n');
    out.append(RULE).append('\n');
    lines.stream().limit(CONSOLE_ROWS).forEach(line -> out.append(line).append('\n'));
    System.out.print(out);
  }

  /** Prints elements collected on the driver as DStream.print() does. */
  public static void printElements(long batchTime, List<String> elements) {
    StringBuilder out = new StringBuilder();
    out.append(RULE).append('\n').append("Time: ").append(batchTime).append(" ms\n");
    out.append(RULE).append('\n');
    elements.stream().limit(PRINT_ELEMENTS).forEach(e -> out.append(e).append('\n'));
    if (elements.size() > PRINT_ELEMENTS) {
      out.append("...\n");
    }
    System.out.println(out);
  }
}
