package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.kspipeline.core.config.PipelineCommandLine;
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
 * trigger. The events and the sink (Kafka in production, memory in tests) are injected.
 */
public final class ErrorAlertsJob {
  public static final String NAME = "error-alerts";

  /** The alert's reason for a server error. */
  public static final String SERVER_ERROR = "server-error";

  /** The alert's reason for a pattern found in a field: {@code match:<field>}. */
  public static final String MATCH_PREFIX = "match:";

  /** The fields the pattern is searched in, in the order that names the reason. */
  static final String[] MATCHED_FIELDS = {"endpoint", "userAgent", "referrer"};

  private final Dataset<Row> events;
  private final boolean serverErrors;
  private final String matchPattern;
  private final Function<Dataset<Row>, DataStreamWriter<Row>> sink;

  /**
   * @param matchPattern a Java regular expression, or null to alert on server errors only
   * @param sink turns the alert rows into a writer for their destination
   */
  public ErrorAlertsJob(
      Dataset<Row> events,
      boolean serverErrors,
      String matchPattern,
      Function<Dataset<Row>, DataStreamWriter<Row>> sink) {
    this.events = events;
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
    return events
        .withColumn("reason", reason)
        .where(col("reason").isNotNull())
        .select(
            col("timestamp"),
            col("clientIp"),
            col("method"),
            col("endpoint"),
            col("status"),
            col("reason"),
            col("topic").as("sourceTopic"),
            col("partition").cast(DataTypes.IntegerType).as("sourcePartition"),
            col("offset").cast(DataTypes.LongType).as("sourceOffset"));
  }

  /** Starts the alert query: micro-batch or continuous, as the trigger says. */
  public StreamingQuery start(String checkpoint, Trigger trigger) throws TimeoutException {
    return start(NAME, checkpoint, trigger);
  }

  /** Starts an alert query under another name (a second sink of the same alerts). */
  public StreamingQuery start(String queryName, String checkpoint, Trigger trigger)
      throws TimeoutException {
    return sink.apply(alerts(events, serverErrors, matchPattern))
        .queryName(queryName)
        .option("checkpointLocation", checkpoint)
        .trigger(trigger)
        .start();
  }
}
