package io.kspipeline.jobs.common;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.util.ShutdownHookManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Function0;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * On SIGTERM, lets each query finish the micro-batch it is running, then stops it, before Spark's
 * own hook stops the SparkContext. Stopping mid-batch is safe (the batch is replayed from the
 * checkpoint) but wastes its work; stopping between batches is what operators expect.
 */
public final class GracefulShutdown {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
  private static final long BATCH_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(2);

  private GracefulShutdown() {}

  /** Registers the hook with Spark's shutdown hooks, to run before the SparkContext's. */
  public static void install(List<StreamingQuery> queries) {
    install(queries, ShutdownHookManager::addShutdownHook);
  }

  /**
   * Registers the hook through {@code addHook} (priority, hook), which takes Spark's priorities:
   * higher runs first. A test passes a hook manager of its own and runs it as SIGTERM would.
   */
  static void install(
      List<StreamingQuery> queries, BiFunction<Integer, Function0<BoxedUnit>, Object> addHook) {
    int beforeSparkContext = ShutdownHookManager.SPARK_CONTEXT_SHUTDOWN_PRIORITY() + 10;
    addHook.apply(
        beforeSparkContext,
        new AbstractFunction0<BoxedUnit>() {
          @Override
          public BoxedUnit apply() {
            stopBetweenBatches(queries);
            return BoxedUnit.UNIT;
          }
        });
  }

  /** Stops each query once the micro-batch it is running (if any) has finished. */
  public static void stopBetweenBatches(List<StreamingQuery> queries) {
    for (StreamingQuery query : queries) {
      if (!query.isActive()) {
        continue;
      }
      long deadline = System.currentTimeMillis() + BATCH_WAIT_MILLIS;
      while (query.status().isTriggerActive() && System.currentTimeMillis() < deadline) {
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      try {
        query.stop();
        LOG.info("query {} stopped between batches", query.name());
      } catch (TimeoutException e) {
        LOG.warn("query {} did not stop in time: {}", query.name(), e.getMessage());
      }
    }
  }
}
