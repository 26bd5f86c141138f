package io.kspipeline.jobs.structured;

import static org.apache.spark.sql.functions.col;

import io.kspipeline.jobs.structured.windows.TimeMode;
import io.kspipeline.jobs.structured.windows.WindowResult;
import io.kspipeline.jobs.structured.windows.WindowSpec;
import io.kspipeline.jobs.structured.windows.WindowedCounter;
import java.time.Duration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The seed's popular-hashtags activity in Structured Streaming: the top hashtags over a 300-second
 * window sliding every second, each tweet counted once in its second rather than copied into 300
 * windows. Hashtag occurrences and sink injected.
 */
public final class TrendingHashtagsJob {
  public static final String NAME = "trending-hashtags";

  /**
   * The top hashtags per window: {@link WindowResult} rows of kind rank (the top N of each emitted
   * window), count (exact hits of the top N and of the hashtags a batch changed) and late.
   */
  public static Dataset<Row> trending(
      Dataset<Row> hashtags,
      WindowSpec windows,
      TimeMode time,
      Duration watermark,
      int top,
      int shards) {
    Dataset<Row> keyed =
        WindowedCounter.keyed(hashtags, time.clock(col("createdAt")), col("hashtag"));
    return WindowedCounter.topPerSlide(keyed, windows, time.delay(watermark), top, shards).toDF();
  }
}
