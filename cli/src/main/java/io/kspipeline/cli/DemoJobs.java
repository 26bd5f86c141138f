package io.kspipeline.cli;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.dstream.DStreamOptions;
import io.kspipeline.jobs.dstream.ErrorLinesCommand;
import io.kspipeline.jobs.dstream.HashtagCountsCommand;
import io.kspipeline.jobs.dstream.PopularHashtagsCommand;
import io.kspipeline.jobs.dstream.StreamingContexts;
import io.kspipeline.jobs.structured.StatusCountsCommand;
import io.kspipeline.jobs.structured.TopUrlsCommand;
import io.kspipeline.jobs.structured.TrendingHashtagsCommand;
import io.kspipeline.jobs.structured.input.AccessLogInputOptions;
import io.kspipeline.jobs.structured.windows.TimeMode;
import io.kspipeline.jobs.structured.windows.WindowSpec;
import io.kspipeline.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * The demo's six jobs on one local Spark: the Structured ones as queries of one session, the
 * DStream ones as graphs of one streaming context (a JVM has one), each with its own checkpoint.
 */
final class DemoJobs {
  /** DStream batch interval: popular-hashtags slides every second as in the seed. */
  static final Duration BATCH = Duration.ofSeconds(1);

  private final DemoSettings settings;
  private final KafkaOptions kafka;
  private final RegistryOptions registry;
  private final JdbcOptions jdbc;

  DemoJobs(DemoSettings settings, String bootstrap) {
    this.settings = settings;
    this.kafka = new KafkaOptions(bootstrap);
    this.registry = new RegistryOptions(settings.registryUrl());
    this.jdbc = JdbcOptions.of(settings.jdbcUrl());
  }

  /**
   * Starts status-counts, top-urls and trending-hashtags.
   *
   * @param trigger an interval, or available-now to process what is there and stop
   */
  List<StreamingQuery> startStructured(SparkSession spark, String trigger) throws Exception {
    List<StreamingQuery> queries = new ArrayList<>();
    queries.addAll(
        new StatusCountsCommand(
                AccessLogInputOptions.of("avro", Topics.ACCESS_LOGS, Topics.ACCESS_LOGS_DLQ),
                kafka,
                registry,
                streaming("status-counts", trigger),
                jdbc,
                Topics.STATUS_COUNTS,
                OutputFormat.avro)
            .start(spark));
    queries.addAll(
        new TopUrlsCommand(
                AccessLogInputOptions.of("avro", Topics.ACCESS_LOGS, Topics.ACCESS_LOGS_DLQ),
                kafka,
                registry,
                streaming("top-urls", trigger),
                jdbc,
                TimeMode.event,
                OutputFormat.avro)
            .watermark(settings.watermark())
            .start(spark));
    queries.addAll(
        new TrendingHashtagsCommand(
                kafka,
                registry,
                streaming("trending-hashtags", trigger),
                jdbc,
                Topics.TWEETS,
                new WindowSpec(Duration.ofSeconds(300), Duration.ofSeconds(1)),
                settings.watermark(),
                10)
            .start(spark));
    return queries;
  }

  /**
   * error-lines (server errors), popular-hashtags and hashtag-counts in one context; not started.
   */
  JavaStreamingContext dstreamContext(SparkSession spark) throws Exception {
    DStreamOptions dstream = DStreamOptions.of(BATCH);
    StreamingContexts.Graph errorLines =
        new ErrorLinesCommand(
                kafka,
                registry,
                streaming("error-lines", "1s"),
                dstream,
                Topics.ACCESS_LOGS,
                Topics.ERROR_LINES)
            .serverErrors()
            .graph();
    StreamingContexts.Graph popular =
        new PopularHashtagsCommand(
                kafka,
                registry,
                streaming("popular-hashtags", "1s"),
                dstream,
                jdbc,
                Topics.TWEETS,
                Topics.POPULAR_HASHTAGS,
                Duration.ofSeconds(300),
                Duration.ofSeconds(1),
                10)
            .graph();
    StreamingContexts.Graph totals =
        new HashtagCountsCommand(
                kafka,
                registry,
                streaming("hashtag-counts", "1s"),
                dstream,
                jdbc,
                Topics.TWEETS,
                Topics.HASHTAG_COUNTS)
            .graph();
    return StreamingContexts.getOrCreate(
        settings.checkpoint("dstream-jobs"),
        spark.sparkContext().getConf(),
        dstream,
        ssc -> {
          errorLines.build(ssc);
          popular.build(ssc);
          totals.build(ssc);
        });
  }

  private StreamingOptions streaming(String job, String trigger) {
    return StreamingOptions.of(settings.checkpoint(job), trigger);
  }
}
