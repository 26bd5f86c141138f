package io.kspipeline.jobs.structured;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.checkpoint.NotInCheckpoint;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.KafkaIO;
import io.kspipeline.jobs.common.KafkaOutputOptions;
import io.kspipeline.jobs.common.OutputTopicOptions;
import io.kspipeline.jobs.common.ResultSink;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.StructuredJobRunner;
import io.kspipeline.jobs.common.divert.DeadLetterOptions;
import io.kspipeline.jobs.common.divert.Destination;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.jobs.structured.input.TweetInput;
import io.kspipeline.jobs.structured.windows.TimeMode;
import io.kspipeline.jobs.structured.windows.WindowResults;
import io.kspipeline.jobs.structured.windows.WindowSpec;
import io.kspipeline.jobs.structured.windows.WindowedCounter;
import io.kspipeline.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code job trending-hashtags}: wires {@link TrendingHashtagsJob} to Kafka and the database. */
@Command(
    name = TrendingHashtagsJob.NAME,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "The top hashtags over a long window with a short slide (default 300s sliding 1s).",
      "Reads Tweet Avro from tweets; each tweet is counted once, in its slide, not once per window."
          + " Topic trending-hashtags carries each window's top N; table hashtag_windows(window_start,"
          + " window_end, hashtag, hits) holds exact hits of every hashtag that was in a window's"
          + " top N (view trending_hashtags_ranked ranks them). Tweets behind the watermark go to"
          + " tweets-late, undecodable records to tweets-dlq."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline job trending-hashtags --bootstrap kafka:9092 --jdbc-url jdbc:postgresql://db/app",
      "  pipeline job trending-hashtags --window 1h --slide 1m --top 20 --console"
    })
public final class TrendingHashtagsCommand implements Callable<Integer> {
  public static final TableSpec TABLE = WindowResults.table("hashtag_windows", "hashtag");
  public static final String RANKED_VIEW = "trending_hashtags_ranked";

  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();
  @Mixin StreamingOptions streaming = new StreamingOptions();
  @Mixin JdbcOptions jdbc = new JdbcOptions();
  @Mixin OutputTopicOptions results = new OutputTopicOptions(Topics.TRENDING_HASHTAGS);
  @Mixin KafkaOutputOptions kafkaOutput = new KafkaOutputOptions();

  @Option(
      names = "--input-topic",
      defaultValue = Topics.TWEETS,
      description = "Topic of Tweet records (default: ${DEFAULT-VALUE}).")
  String inputTopic;

  @Mixin DeadLetterOptions deadLetters = new DeadLetterOptions(Topics.TWEETS_DLQ);

  @Option(
      names = "--window",
      defaultValue = "300s",
      description = "Window length (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(
      names = "--slide",
      defaultValue = "1s",
      description = "Window slide (default: ${DEFAULT-VALUE}).")
  Duration slide;

  @Option(
      names = "--time",
      defaultValue = "event",
      description =
          "Clock of the windows: ${COMPLETION-CANDIDATES}: the tweet's createdAt or the time it is"
              + " read (default: ${DEFAULT-VALUE}).")
  TimeMode time;

  @Option(
      names = "--watermark",
      defaultValue = "1m",
      description =
          "How late (by createdAt) a tweet may be and still count (default: ${DEFAULT-VALUE}).")
  Duration watermark;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "Hashtags per window (default: ${DEFAULT-VALUE}).")
  int top;

  public TrendingHashtagsCommand() {}

  @Override
  public Integer call() throws Exception {
    return StructuredJobRunner.run(TrendingHashtagsJob.NAME, streaming, kafka, this::start);
  }

  /**
   * The options its checkpoint depends on: the topic, whose offsets it holds, and what its windowed
   * state means (the others: {@link NotInCheckpoint}).
   */
  public CheckpointOptions checkpointOptions() {
    return kafkaOutput.recordIn(
        CheckpointOptions.of(TrendingHashtagsJob.NAME, Api.STRUCTURED, 1, inputTopic)
            .with("--input-topic", inputTopic)
            .with("--window", window)
            .with("--slide", slide)
            .with("--time", time)
            .with("--watermark", watermark)
            .with("--top", top));
  }

  public List<StreamingQuery> start(SparkSession spark) throws Exception {
    streaming.openCheckpoint(checkpointOptions());
    WindowSpec windows = new WindowSpec(window, slide);
    if (top <= 0) {
      throw new IllegalArgumentException("--top must be positive, was " + top);
    }
    Map<String, String> registryConfig = registry.config(kafka.clientProperties());
    JdbcUpsertSink table = jdbc.upsertSink(TABLE);
    if (table != null) {
      table.createRankedView(RANKED_VIEW, "hashtag");
    }
    ResultSink sink =
        new ResultSink(TrendingHashtagsJob.NAME, kafka)
            .deliveredAs(kafkaOutput)
            .shapedBy(batch -> WindowResults.rankedAcrossShards(batch, top))
            .toTopic(
                results.topic(),
                batch ->
                    WindowResults.rankings(
                        batch, results.format(), results.topic(), registryConfig))
            .lateRecordsTo(
                new Destination.Topic(Topics.lateTopicOf(inputTopic)), WindowResults::lateRecords)
            .deadLettersTo(
                deadLetters.destination(true, streaming.checkpointFor(TrendingHashtagsJob.NAME)),
                TrendingHashtagsJob.NAME,
                registryConfig,
                WindowResults::rejectedRecords)
            .toTable(table, batch -> WindowResults.countRows(batch, "hashtag"))
            .printing(
                streaming.console() ? batch -> WindowResults.rankedView(batch, "hashtag") : null);
    TweetInput tweets =
        TweetInput.avro(
            KafkaIO.stream(spark, kafka, streaming, inputTopic), inputTopic, registryConfig);
    return StructuredJobRunner.start(
        TrendingHashtagsJob.NAME,
        streaming,
        "trending",
        TrendingHashtagsJob.trending(
            tweets.records(), windows, time, watermark, top, WindowedCounter.DEFAULT_SHARDS),
        sink);
  }
}
