package io.kspipeline.jobs.dstream;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * The seed's popular-hashtags activity: hashtag counts over a 300-second window sliding every
 * second with {@code reduceByKeyAndWindow} and its inverse function (each slide adds the newest
 * batch and subtracts the one that left, instead of recounting 300 batches), then the top N of each
 * slide, highest count first, ties by hashtag.
 */
public final class PopularHashtagsJob {
  public static final String NAME = "popular-hashtags";

  /** Highest count first, then by key: a deterministic order for ties. */
  public static final Comparator<Tuple2<String, Long>> RANK_ORDER = new RankOrder();

  private PopularHashtagsJob() {}

  /**
   * Hashtag key → occurrences in the window ending at each slide. Keys whose count falls to zero
   * are filtered out, which is what lets expired hashtags leave the window's state.
   */
  public static JavaPairDStream<String, Long> windowCounts(
      JavaDStream<KeyedRecord> records, Duration window, Duration slide, int partitions) {
    return records
        .filter(r -> !r.isRejected())
        .flatMap(r -> r.keys().iterator())
        .mapToPair(key -> new Tuple2<>(key, 1L))
        .reduceByKeyAndWindow(
            Long::sum, (a, b) -> a - b, window, slide, partitions, t -> t._2() != 0L);
  }

  /**
   * The part of a slide's output pass that finds its top N: each partition's own top N, returned to
   * the driver, which keeps the best of them ({@link #top}), as {@code takeOrdered} does.
   */
  static JavaRDD<Returned<Tuple2<String, Long>>> candidates(
      JavaPairRDD<String, Long> counts, int n) {
    return counts.mapPartitions(part -> best(part, n).stream().map(Returned::result).iterator());
  }

  /** The top N of a slide, from the candidates of its partitions. */
  static List<Tuple2<String, Long>> top(List<Tuple2<String, Long>> candidates, int n) {
    return best(candidates.iterator(), n);
  }

  private static List<Tuple2<String, Long>> best(Iterator<Tuple2<String, Long>> counts, int n) {
    PriorityQueue<Tuple2<String, Long>> worstFirst = new PriorityQueue<>(RANK_ORDER.reversed());
    while (counts.hasNext()) {
      worstFirst.add(counts.next());
      if (worstFirst.size() > n) {
        worstFirst.poll();
      }
    }
    List<Tuple2<String, Long>> best = new ArrayList<>(worstFirst);
    best.sort(RANK_ORDER);
    return best;
  }

  private static final class RankOrder implements Comparator<Tuple2<String, Long>>, Serializable {
    @Override
    public int compare(Tuple2<String, Long> a, Tuple2<String, Long> b) {
      int byCount = Long.compare(b._2(), a._2());
      return byCount != 0 ? byCount : a._1().compareTo(b._1());
    }
  }
}
