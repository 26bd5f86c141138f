package io.kspipeline.jobs.common;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.streaming.MemoryStream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.util.ShutdownHookManager;
import org.apache.spark.util.SparkShutdownHookManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.BoxedUnit;

/**
 * Stopping while a batch is genuinely in progress: the sink holds the batch until the test lets it
 * go, which the test does only once the stop is seen waiting. A stop that does not wait interrupts
 * the batch, which then neither writes nor commits.
 */
class GracefulShutdownTest {
  private static final Duration LIMIT = Duration.ofMinutes(2);

  // Static: the sink runs in a closure.
  private static final List<String> WRITTEN = new CopyOnWriteArrayList<>();
  private static volatile CountDownLatch entered;
  private static volatile CountDownLatch release;

  @TempDir Path checkpoint;
  private StreamingQuery query;

  @BeforeEach
  void startABatchHeldInTheSink() throws Exception {
    WRITTEN.clear();
    entered = new CountDownLatch(1);
    release = new CountDownLatch(1);
    MemoryStream<String> input =
        new MemoryStream<>(
            7, SparkTestSession.get().sqlContext(), Option.empty(), Encoders.STRING());
    query =
        input
            .toDF()
            .writeStream()
            .option("checkpointLocation", checkpoint.toString())
            .foreachBatch(
                (VoidFunction2<Dataset<Row>, Long>)
                    (batch, id) -> {
                      entered.countDown();
                      release.await();
                      batch.collectAsList().forEach(r -> WRITTEN.add(r.getString(0)));
                    })
            .start();
    input.addData(JavaConverters.asScalaBuffer(List.of("a", "b")).toSeq());
    assertThat(entered.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("batch 0 started").isTrue();
  }

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    query.stop();
  }

  @Test
  void shouldLetTheRunningBatchFinishAndCommitBeforeStopping() throws Exception {
    Thread stopper =
        new Thread(() -> GracefulShutdown.stopBetweenBatches(List.of(query)), "stopper");
    stopper.start();

    releaseOnceWaiting(stopper);

    assertStoppedAfterBatch0();
  }

  @Test
  void shouldStopOnShutdownBeforeTheSparkContextStops() throws Exception {
    // Spark's hooks as SIGTERM runs them, highest priority first; the SparkContext's is a stand-in
    // that notes whether the query was still running when it came.
    SparkShutdownHookManager hooks = new SparkShutdownHookManager();
    AtomicReference<Boolean> activeWhenSparkContextStops = new AtomicReference<>();
    hooks.add(
        ShutdownHookManager.SPARK_CONTEXT_SHUTDOWN_PRIORITY(),
        new AbstractFunction0<BoxedUnit>() {
          @Override
          public BoxedUnit apply() {
            activeWhenSparkContextStops.set(query.isActive());
            return BoxedUnit.UNIT;
          }
        });
    GracefulShutdown.install(List.of(query), hooks::add);
    Thread shutdown = new Thread(hooks::runAll, "shutdown-hooks");
    shutdown.start();

    releaseOnceWaiting(shutdown);

    assertStoppedAfterBatch0();
    assertThat(activeWhenSparkContextStops).hasValue(false);
  }

  /** Lets the batch go once the stopping thread waits (or has returned, not waiting at all). */
  private void releaseOnceWaiting(Thread stopping) throws InterruptedException {
    eventually(
        "the stop waiting for the running batch",
        LIMIT,
        () -> stopping.getState() == Thread.State.TIMED_WAITING || !stopping.isAlive());
    release.countDown();
    stopping.join(LIMIT.toMillis());
    assertThat(stopping.isAlive()).as("stopping thread still running").isFalse();
  }

  private void assertStoppedAfterBatch0() {
    assertThat(query.isActive()).isFalse();
    assertThat(query.exception().isDefined()).isFalse();
    assertThat(WRITTEN).containsExactly("a", "b");
    assertThat(Files.exists(checkpoint.resolve("commits/0"))).as("batch 0 committed").isTrue();
  }
}
