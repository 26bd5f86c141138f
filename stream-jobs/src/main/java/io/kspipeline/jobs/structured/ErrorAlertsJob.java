package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.structured.windows.WindowedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;

/**
 * Alerts on access-log requests as they arrive: server errors (status 500 and above) and, with a
 * pattern, requests whose endpoint, user agent or referrer contains a match. Stateless (a
 * projection and a filter of each record), so it runs in micro-batches or under Spark's continuous
 * trigger. The input records and the sink (Kafka in production, memory in tests) are injected;
 * records that cannot be read leave through the same query as dead letters.
 */
public final class ErrorAlertsJob {
  public static final String NAME = "error-alerts";

  /** The alert's reason for a server error. */
  public static final String SERVER_ERROR = "server-error";

  /** The alert's reason for a pattern found in a field: {@code match:<field>}. */
  public static final String MATCH_PREFIX = "match:";

  /** The fields the pattern is searched in, in the order that names the reason. */
  static final String[] MATCHED_FIELDS = {"endpoint", "userAgent", "referrer"};

  /** An alert's fields taken from the event as they are, then where the event came from. */
  private static final List<String> EVENT_FIELDS =
      List.of("timestamp", "clientIp", "method", "endpoint", "status", "reason");

  private static final List<String> SOURCE_FIELDS =
      List.of("sourceTopic", "sourcePartition", "sourceOffset");

  private static final Column[] ALERT_COLUMNS = alertColumns();

  /** An alert row's fields as one struct, in the order of {@code ErrorAlert}'s fields. */
  public static Column alert() {
    List<Column> fields = new ArrayList<>();
    for (String name : EVENT_FIELDS) {
      fields.add(col(name));
    }
    for (String name : SOURCE_FIELDS) {
      fields.add(col(name));
    }
    return struct(fields.toArray(new Column[0]));
  }

  private static Column[] alertColumns() {
    List<Column> columns = new ArrayList<>();
    for (String name : EVENT_FIELDS) {
      columns.add(col(name));
    }
    columns.add(col("topic").as(SOURCE_FIELDS.get(0)));
    columns.add(col("partition").cast(DataTypes.IntegerType).as(SOURCE_FIELDS.get(1)));
    columns.add(col("offset").cast(DataTypes.LongType).as(SOURCE_FIELDS.get(2)));
    return columns.toArray(new Column[0]);
  }

  private final Dataset<Row> records;
  private final boolean serverErrors;
  private final String matchPattern;
  private final Function<Dataset<Row>, DataStreamWriter<Row>> sink;

  /**
   * @param records every input record ({@code AccessLogInput.records()})
   * @param matchPattern a Java regular expression, or null to alert on server errors only
   * @param sink turns the rows of {@link #alertsAndDeadLetters} into a writer for their
   *     destinations
   */
  public ErrorAlertsJob(
      Dataset<Row> records,
      boolean serverErrors,
      String matchPattern,
      Function<Dataset<Row>, DataStreamWriter<Row>> sink) {
    this.records = records;
    this.serverErrors = serverErrors;
    this.matchPattern = matchPattern;
    this.sink = sink;
  }

  public static void main(String[] args) {
    PipelineCommandLine.runSparkMain(new ErrorAlertsCommand(), args);
  }

  /**
   * One alert per event that is a server error ({@code serverErrors} and status &ge; 500) or in
   * which {@code matchPattern} is found (Java regex, unanchored: it may match any part of the
   * field; case-sensitive unless it says {@code (?i)}) in the endpoint, user agent or referrer; a
   * null field never matches. Columns: {@code timestamp, clientIp, method, endpoint, status,
   * reason, sourceTopic, sourcePartition, sourceOffset}; the reason is {@value #SERVER_ERROR} when
   * the status qualifies, otherwise {@code match:<field>} for the first field matched.
   */
  public static Dataset<Row> alerts(
      Dataset<Row> events, boolean serverErrors, String matchPattern) {
    return events
        .withColumn("reason", reason(serverErrors, matchPattern))
        .where(col("reason").isNotNull())
        .select(ALERT_COLUMNS);
  }

  /**
   * From every input record ({@code AccessLogInput.records()}), in one pass: the alerts as {@link
   * #alerts} gives them and the dead letters, each row with its {@code kind}, the alert columns
   * (null for a dead letter) and the record's {@code key, value, topic, partition, offset,
   * recordTimestamp, errorClass, error}.
   */
  public static Dataset<Row> alertsAndDeadLetters(
      Dataset<Row> records, boolean serverErrors, String matchPattern) {
    Column dead = col("kind").equalTo(WindowedEvent.DEAD);
    List<String> provenance =
        List.of(
            "key",
            "value",
            "topic",
            "partition",
            "offset",
            "recordTimestamp",
            "errorClass",
            "error");
    Column[] columns = new Column[1 + ALERT_COLUMNS.length + provenance.size()];
    columns[0] = col("kind");
    System.arraycopy(ALERT_COLUMNS, 0, columns, 1, ALERT_COLUMNS.length);
    int i = ALERT_COLUMNS.length + 1;
    for (String name : provenance) {
      columns[i++] = col(name);
    }
    return records
        .withColumn("reason", when(not(dead), reason(serverErrors, matchPattern)))
        .where(dead.or(col("reason").isNotNull()))
        .select(columns);
  }

  private static Column reason(boolean serverErrors, String matchPattern) {
    if (!serverErrors && matchPattern == null) {
      throw new IllegalArgumentException("alerts need server errors, a pattern, or both");
    }
    Column reason = null;
    if (serverErrors) {
      reason = when(col("status").geq(500), lit(SERVER_ERROR));
    }
    if (matchPattern != null) {
      for (String field : MATCHED_FIELDS) {
        Column matches = col(field).rlike(matchPattern);
        Column label = lit(MATCH_PREFIX + field);
        reason = reason == null ? when(matches, label) : reason.when(matches, label);
      }
    }
    return reason;
  }

  /**
   * Starts the job's one query (alerts and dead letters): micro-batch or continuous, as the trigger
   * says.
   */
  public StreamingQuery start(String checkpoint, Trigger trigger) throws TimeoutException {
    return sink.apply(alertsAndDeadLetters(records, serverErrors, matchPattern))
        .queryName(NAME)
        .option("checkpointLocation", checkpoint)
        .trigger(trigger)
        .start();
  }
}
