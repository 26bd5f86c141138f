package io.kspipeline.jobs.common;

import io.kspipeline.core.config.KafkaOptions;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * The query that moves a job's unreadable input records to the dead-letter topic, with a checkpoint
 * of its own, beside the job's main query.
 */
public final class DeadLetterQuery {
  private DeadLetterQuery() {}

  public static StreamingQuery start(
      Dataset<Row> deadLetters,
      String jobName,
      KafkaOptions kafka,
      String topic,
      String checkpoint,
      String trigger)
      throws TimeoutException {
    return KafkaIO.streamTo(deadLetters, kafka, topic)
        .queryName(jobName + "-dead-letters")
        .option("checkpointLocation", checkpoint)
        .trigger(Triggers.of(trigger))
        .start();
  }
}
