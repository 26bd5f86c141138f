package io.kspipeline.jobs.common;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.common.metrics.JobCounters;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.streaming.ContinuousTrigger;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The query that moves a job's unreadable input records to the dead-letter topic, with a checkpoint
 * of its own, beside the job's main query. Micro-batch queries count the dead letters ({@link
 * JobCounters#DEAD_LETTERED}); continuous ones cannot carry the counter.
 */
public final class DeadLetterQuery {
  private DeadLetterQuery() {}

  /** With the --trigger option's value. */
  public static StreamingQuery start(
      Dataset<Row> deadLetters,
      String jobName,
      KafkaOptions kafka,
      String topic,
      String checkpoint,
      String trigger)
      throws TimeoutException {
    return start(deadLetters, jobName, kafka, topic, checkpoint, Triggers.of(trigger));
  }

  public static StreamingQuery start(
      Dataset<Row> deadLetters,
      String jobName,
      KafkaOptions kafka,
      String topic,
      String checkpoint,
      Trigger trigger)
      throws TimeoutException {
    Dataset<Row> written =
        trigger instanceof ContinuousTrigger
            ? deadLetters
            : JobCounters.counted(deadLetters, JobCounters.DEAD_LETTERED);
    return KafkaIO.streamTo(written, kafka, topic)
        .queryName(jobName + "-dead-letters")
        .option("checkpointLocation", checkpoint)
        .trigger(trigger)
        .start();
  }
}
