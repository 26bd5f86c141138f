package io.kspipeline.jobs.common;

import java.util.List;
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
    GracefulShutdown.install(queries);
    while (queries.stream().anyMatch(StreamingQuery::isActive)) {
      try {
        spark.streams().awaitAnyTermination(1_000);
      } catch (StreamingQueryException e) {
        LOG.error("query failed, stopping the job's other queries: {}", e.getMessage());
        stopAll(queries);
        throw e;
      }
      spark.streams().resetTerminated();
    }
    for (StreamingQuery query : queries) {
      if (query.exception().isDefined()) {
        throw query.exception().get();
      }
    }
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
