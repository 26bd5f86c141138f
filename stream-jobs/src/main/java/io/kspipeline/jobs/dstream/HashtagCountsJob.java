package io.kspipeline.jobs.dstream;

import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * The seed's {@code updateStateByKey} example: a running total per key (hashtag key, or HTTP status
 * with {@code --statuses}) since the job's first batch, kept in checkpointed state. Also the seed's
 * {@code window()} and {@code reduceByWindow()}: records and keys in the last window.
 */
public final class HashtagCountsJob {
  public static final String NAME = "hashtag-counts";

  private HashtagCountsJob() {}

  /** Each batch's changed totals: key → total since the first batch. */
  public static JavaPairDStream<String, Long> runningTotals(JavaDStream<KeyedRecord> records) {
    return records
        .filter(r -> !r.isRejected())
        .flatMap(r -> r.keys().iterator())
        .mapToPair(key -> new Tuple2<>(key, 1L))
        .reduceByKey(Long::sum)
        .updateStateByKey(RunningTotal::update)
        .filter(t -> t._2().changed())
        .mapValues(RunningTotal::total);
  }

  /**
   * One line per slide for each figure: records in the last window ({@code window().count()}) and
   * keys in it ({@code reduceByWindow} with its inverse, so each slide adds the new batch and
   * subtracts the one that left instead of summing the whole window again).
   */
  public static JavaDStream<String> activity(
      JavaDStream<KeyedRecord> records, Duration window, Duration slide) {
    String span = window.milliseconds() / 1000 + "s";
    JavaDStream<KeyedRecord> counted = records.filter(r -> !r.isRejected());
    JavaDStream<String> recordsPerWindow =
        counted.window(window, slide).count().map(n -> "records in the last " + span + ": " + n);
    JavaDStream<String> keysPerWindow =
        counted
            .map(r -> (long) r.keys().size())
            .reduceByWindow(Long::sum, (a, b) -> a - b, window, slide)
            .map(n -> "keys in the last " + span + ": " + n);
    return recordsPerWindow.union(keysPerWindow);
  }
}
