package io.kspipeline.jobs.dstream;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.util.ManualClock;

/**
 * Drives a DStream job batch by batch, as Spark's own streaming tests do: the test session's
 * streaming clock is a ManualClock, so a batch runs when the test advances it, and the test waits
 * for that batch to complete before checking its outputs. No time passes for correctness.
 */
public final class ManualBatches implements AutoCloseable {
  private static final Duration BATCH_DEADLINE = Duration.ofMinutes(2);

  private final JavaStreamingContext ssc;
  private final ConcurrentSkipListSet<Long> completed = new ConcurrentSkipListSet<>();

  /** Batch time → completed by the listener when that batch completes, whoever asks first. */
  private final Map<Long, CompletableFuture<Void>> completions = new ConcurrentHashMap<>();

  private final Map<Long, String> failures = new ConcurrentHashMap<>();

  /** Builds (or restores) the job's context on the shared test SparkContext and starts it. */
  public ManualBatches(Callable<JavaStreamingContext> context) throws Exception {
    SparkTestSession.get(); // the jobs' contexts join this SparkContext and its manual clock
    ssc = context.call();
    ssc.addStreamingListener(
        new StreamingListener() {
          @Override
          public void onBatchCompleted(StreamingListenerBatchCompleted batch) {
            long time = batch.batchInfo().batchTime().milliseconds();
            batch
                .batchInfo()
                .outputOperationInfos()
                .values()
                .foreach(
                    op -> {
                      if (op.failureReason().isDefined()) {
                        failures.put(time, op.description() + ": " + op.failureReason().get());
                      }
                      return null;
                    });
            completed.add(time);
            completion(time).complete(null);
          }
        });
    ssc.start();
  }

  private ManualClock clock() {
    return (ManualClock) ssc.ssc().scheduler().clock();
  }

  /** The time of the batch the next {@link #advance} runs. */
  long now() {
    return clock().getTimeMillis();
  }

  private CompletableFuture<Void> completion(long batchTime) {
    return completions.computeIfAbsent(batchTime, t -> new CompletableFuture<>());
  }

  /**
   * Moves the clock by {@code millis} and waits for the batch due at the new time: that batch's
   * completion, not any other's, so a clock moved off the batch interval fails rather than passes.
   */
  public long advance(long millis) throws InterruptedException {
    long target = clock().getTimeMillis() + millis;
    clock().advance(millis);
    try {
      completion(target).get(BATCH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "batch "
              + target
              + " did not complete in "
              + BATCH_DEADLINE
              + "; completed: "
              + completed);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    }
    if (failures.containsKey(target)) {
      throw new AssertionError("batch " + target + " failed: " + failures.get(target));
    }
    return target;
  }

  /**
   * Starts a graph the test builds (a job's DStream functions on {@link ScriptedRecords}, say) in a
   * new context with 1 s batches, checkpointing to {@code checkpoint}.
   */
  static ManualBatches of(Path checkpoint, StreamingContexts.Graph graph) throws Exception {
    return new ManualBatches(
        () ->
            StreamingContexts.getOrCreate(
                checkpoint.toString(),
                new SparkConf(),
                DStreamOptions.of(Duration.ofSeconds(1)),
                // A test graph of its own: options recorded under the checkpoint's name.
                CheckpointOptions.of(checkpoint.getFileName().toString(), Api.DSTREAM, 1, null),
                graph));
  }

  /** Starts a job, runs its first batch (at 1 s on the manual clock) and stops it. */
  public static void runOneBatch(Callable<JavaStreamingContext> context) throws Exception {
    try (ManualBatches batches = new ManualBatches(context)) {
      batches.advance(1000);
    }
  }

  /**
   * Stops at once, keeping the test SparkContext: every batch advanced to has completed (and
   * checkpointed), and a graceful stop would wait for the manual clock to pass the stop time.
   */
  @Override
  public void close() {
    ssc.stop(false, false);
  }
}
