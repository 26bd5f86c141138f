package io.kspipeline.jobs.common;

import io.kspipeline.core.config.KafkaOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for a job's queries; when one fails, stops the others and reports the failure. */
public final class QueryRunner {
  private static final Logger LOG = LoggerFactory.getLogger(QueryRunner.class);

  private QueryRunner() {}

  /** Blocks until every query has stopped (available-now, or stopped) or one has failed. */
  public static void awaitAll(SparkSession spark, List<StreamingQuery> queries)
      throws StreamingQueryException {
    awaitAll(spark, queries, null);
  }

  /**
   * As {@link #awaitAll(SparkSession, List)}; a query that failed because offsets it still had to
   * read are gone from Kafka ends in a {@link KafkaDataLossException} naming the lost range, looked
   * up with the job's Kafka settings.
   */
  public static void awaitAll(SparkSession spark, List<StreamingQuery> queries, KafkaOptions kafka)
      throws StreamingQueryException {
    GracefulShutdown.install(queries);
    while (queries.stream().anyMatch(StreamingQuery::isActive)) {
      try {
        spark.streams().awaitAnyTermination(1_000);
      } catch (StreamingQueryException e) {
        LOG.error("query failed, stopping the job's other queries: {}", e.getMessage());
        stopAll(queries);
        // Reported here; left set, it would fail the next awaitAll on this session at once.
        spark.streams().resetTerminated();
        throw explained(e, kafka);
      }
      spark.streams().resetTerminated();
    }
    for (StreamingQuery query : queries) {
      if (query.exception().isDefined()) {
        throw explained(query.exception().get(), kafka);
      }
    }
  }

  /** Spark's failure, or the data loss behind it (unchecked, its cause Spark's failure). */
  private static StreamingQueryException explained(StreamingQueryException e, KafkaOptions kafka) {
    Optional<KafkaDataLossException> loss = DataLossDiagnosis.of(e, kafka);
    if (loss.isPresent()) {
      LOG.error(loss.get().getMessage());
      throw loss.get();
    }
    return e;
  }

  public static void stopAll(List<StreamingQuery> queries) {
    for (StreamingQuery query : queries) {
      try {
        query.stop();
      } catch (TimeoutException e) {
        LOG.warn("query {} did not stop in time", query.name());
      }
    }
  }
}
