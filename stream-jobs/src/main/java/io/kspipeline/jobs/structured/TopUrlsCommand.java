package io.kspipeline.jobs.structured;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.checkpoint.NotInCheckpoint;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.KafkaOutputOptions;
import io.kspipeline.jobs.common.OutputTopicOptions;
import io.kspipeline.jobs.common.ResultSink;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.StructuredJobRunner;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.jobs.structured.input.AccessLogInput;
import io.kspipeline.jobs.structured.input.AccessLogInputOptions;
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

/** {@code job top-urls}: wires {@link TopUrlsJob} to its input, Kafka and the database. */
@Command(
    name = TopUrlsJob.NAME,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Hits per endpoint over sliding windows (default 30s sliding 10s), the seed's exercise.",
      "Table url_hits(window_start, window_end, endpoint, hits) is upserted exactly once as windows"
          + " update (view top_urls_ranked ranks them); topic top-urls carries, for each updated"
          + " window, its top N endpoints; records behind the watermark go to <input>-late."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline job top-urls --bootstrap kafka:9092 --jdbc-url jdbc:postgresql://db/app",
      "  pipeline job top-urls --time processing --console",
      "  pipeline job top-urls --window 5m --slide 1m --watermark 10m --top 20"
    })
public final class TopUrlsCommand implements Callable<Integer> {
  public static final TableSpec TABLE = WindowResults.table("url_hits", "endpoint");
  @Mixin AccessLogInputOptions input = new AccessLogInputOptions();
  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();
  @Mixin StreamingOptions streaming = new StreamingOptions();
  @Mixin JdbcOptions jdbc = new JdbcOptions();
  @Mixin OutputTopicOptions results = new OutputTopicOptions(Topics.TOP_URLS);
  @Mixin KafkaOutputOptions kafkaOutput = new KafkaOutputOptions();

  @Option(
      names = "--window",
      defaultValue = "30s",
      description = "Window length (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(
      names = "--slide",
      defaultValue = "10s",
      description = "Window slide (default: ${DEFAULT-VALUE}).")
  Duration slide;

  @Option(
      names = "--time",
      defaultValue = "event",
      description = "Clock of the windows: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  TimeMode time;

  @Option(
      names = "--watermark",
      defaultValue = "1m",
      description =
          "How late (event time) a record may be and still count (default: ${DEFAULT-VALUE}).")
  Duration watermark;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "Endpoints per window in the topic (default: ${DEFAULT-VALUE}).")
  int top;

  public TopUrlsCommand() {}

  @Override
  public Integer call() throws Exception {
    return StructuredJobRunner.run(TopUrlsJob.NAME, streaming, kafka, this::start);
  }

  /**
   * The options its checkpoint depends on: the input, whose offsets it holds, and what its windowed
   * state means (the others: {@link NotInCheckpoint}).
   */
  public CheckpointOptions checkpointOptions() {
    return kafkaOutput.recordIn(
        input
            .recordIn(CheckpointOptions.of(TopUrlsJob.NAME, Api.STRUCTURED, 1, input.kafkaTopic()))
            .with("--window", window)
            .with("--slide", slide)
            .with("--time", time)
            .with("--watermark", watermark)
            .with("--top", top));
  }

  public List<StreamingQuery> start(SparkSession spark) throws Exception {
    streaming.openCheckpoint(checkpointOptions());
    Map<String, String> registryConfig = registry.config(kafka.clientProperties());
    JdbcUpsertSink table = jdbc.upsertSink(TABLE);
    if (table != null) {
      table.createRankedView("top_urls_ranked", "endpoint");
    }
    String checkpoint = streaming.checkpointFor(TopUrlsJob.NAME);
    ResultSink sink =
        new ResultSink(TopUrlsJob.NAME, kafka)
            .deliveredAs(kafkaOutput)
            .shapedBy(batch -> WindowResults.rankedAcrossShards(batch, top))
            .lateRecordsTo(input.lateDestination(checkpoint), WindowResults::lateRecords)
            .deadLettersTo(
                input.deadLetterDestination(checkpoint),
                TopUrlsJob.NAME,
                registryConfig,
                WindowResults::rejectedRecords)
            .toTable(table, batch -> WindowResults.countRows(batch, "endpoint"))
            .printing(
                streaming.console() ? batch -> WindowResults.rankedView(batch, "endpoint") : null);
    if (results.writesKafka(input.readsKafka())) {
      sink.toTopic(
          results.topic(),
          batch ->
              WindowResults.rankings(batch, results.format(), results.topic(), registryConfig));
    }
    AccessLogInput events = input.open(spark, kafka, streaming, registryConfig);
    return StructuredJobRunner.start(
        TopUrlsJob.NAME,
        streaming,
        "hits",
        TopUrlsJob.windowedHits(
            events.records(),
            new WindowSpec(window, slide),
            time,
            watermark,
            top,
            WindowedCounter.DEFAULT_SHARDS),
        sink);
  }
}
