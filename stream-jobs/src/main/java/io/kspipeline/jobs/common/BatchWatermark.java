package io.kspipeline.jobs.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.spark.SparkContext;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.streaming.FlatMapGroupsWithStateExec;
import org.apache.spark.sql.execution.streaming.IncrementalExecution;
import org.apache.spark.sql.execution.streaming.StreamExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.collection.JavaConverters;

/**
 * Tells the tasks of a micro-batch, before its shuffle, the watermark its state function will see,
 * so that the step routing records into state shards can tell which records cannot be late and drop
 * their bytes there: only a record set aside as late needs them, and most records are not.
 *
 * <p>Spark gives a state function its batch's watermark but nothing before the shuffle; the sink,
 * which runs on the query's thread before any of the batch's tasks, reads it from the batch's plan
 * (the value Spark hands the state function) and sets it as a local property of the jobs the batch
 * starts, marked with the batch id. A task that finds no value, or one from another batch, keeps
 * every record's bytes: records are then diverted exactly as before, at the cost of the bytes.
 */
public final class BatchWatermark {
  private static final Logger LOG = LoggerFactory.getLogger(BatchWatermark.class);
  private static final String PROPERTY = "kspipeline.stateWatermark";
  // Set by Spark on a micro-batch's thread: the query's id and the batch's.
  private static final String QUERY_ID = "sql.streaming.queryId";
  private static final String BATCH_ID = "streaming.sql.batchId";
  // What Spark gives a state function when there is no watermark yet.
  private static final long NO_WATERMARK = -1;

  private BatchWatermark() {}

  /**
   * Hands the batch's watermark to the tasks the calling (foreachBatch) thread starts from now on;
   * a no-op outside a micro-batch or for a query without one state operator.
   *
   * @return the batch, so that a sink can apply this as a step
   */
  public static <T> Dataset<T> handedToTasks(Dataset<T> batch) {
    handOver(batch.sparkSession());
    return batch;
  }

  /** As {@link #handedToTasks}, for a sink that has the session only. */
  public static void handOver(SparkSession spark) {
    SparkContext context = spark.sparkContext();
    context.setLocalProperty(PROPERTY, null);
    String batchId = context.getLocalProperty(BATCH_ID);
    OptionalLong watermark = stateWatermark(spark, context.getLocalProperty(QUERY_ID), batchId);
    if (watermark.isPresent()) {
      context.setLocalProperty(PROPERTY, batchId + ":" + watermark.getAsLong());
    }
  }

  /** In a task: its batch's watermark, if the batch's sink handed it over. */
  public static OptionalLong inTask() {
    TaskContext task = TaskContext.get();
    if (task == null) {
      return OptionalLong.empty();
    }
    return parse(task.getLocalProperty(PROPERTY), task.getLocalProperty(BATCH_ID));
  }

  static OptionalLong parse(String handed, String batchId) {
    if (handed == null || batchId == null) {
      return OptionalLong.empty();
    }
    int colon = handed.indexOf(':');
    if (colon < 0 || !handed.substring(0, colon).equals(batchId)) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(handed.substring(colon + 1)));
  }

  private static OptionalLong stateWatermark(SparkSession spark, String queryId, String batchId) {
    if (queryId == null || batchId == null) {
      return OptionalLong.empty();
    }
    try {
      StreamExecution query =
          spark.sharedState().activeStreamingQueries().get(UUID.fromString(queryId));
      IncrementalExecution execution = query == null ? null : query.lastExecution();
      if (execution == null || execution.currentBatchId() != Long.parseLong(batchId)) {
        return OptionalLong.empty();
      }
      FlatMapGroupsWithStateExec state = onlyStateOperator(execution.executedPlan());
      if (state == null) {
        return OptionalLong.empty();
      }
      Object watermark = state.eventTimeWatermarkForEviction().getOrElse(() -> NO_WATERMARK);
      return OptionalLong.of((Long) watermark);
    } catch (RuntimeException | LinkageError e) {
      // Spark's internals changed: records keep their bytes, nothing else differs.
      LOG.warn("cannot read the batch's watermark from Spark's plan; records keep their bytes", e);
      return OptionalLong.empty();
    }
  }

  /** The plan's state operator when it has exactly one; null otherwise. */
  private static FlatMapGroupsWithStateExec onlyStateOperator(SparkPlan plan) {
    FlatMapGroupsWithStateExec found = null;
    Deque<SparkPlan> pending = new ArrayDeque<>();
    pending.push(plan);
    while (!pending.isEmpty()) {
      SparkPlan node = pending.pop();
      if (node instanceof FlatMapGroupsWithStateExec state) {
        if (found != null) {
          return null;
        }
        found = state;
      }
      JavaConverters.seqAsJavaList(node.children()).forEach(pending::push);
    }
    return found;
  }
}
