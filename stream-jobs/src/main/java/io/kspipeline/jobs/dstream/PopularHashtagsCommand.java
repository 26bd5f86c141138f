package io.kspipeline.jobs.dstream;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.checkpoint.NotInCheckpoint;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.KafkaOrDirectory;
import io.kspipeline.jobs.common.KafkaOutputOptions;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.OutputTopicOptions;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.divert.DeadLetterOptions;
import io.kspipeline.jobs.common.exactlyonce.TransactionalKafkaWriter;
import io.kspipeline.jobs.jdbc.Column;
import io.kspipeline.jobs.jdbc.JdbcUpsertSink;
import io.kspipeline.jobs.jdbc.TableSpec;
import io.kspipeline.schemas.Topics;
import io.kspipeline.schemas.avro.Ranking;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scala.Tuple2;

/**
 * {@code job popular-hashtags}: wires {@link PopularHashtagsJob} to its input (Kafka or a directory
 * of tweet files), Kafka and the database.
 */
@Command(
    name = PopularHashtagsJob.NAME,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "The seed's activity with DStreams: hashtags of tweets over a window (default 300s) sliding"
          + " every --slide (default 1s), reduceByKeyAndWindow with the inverse function.",
      "Reads Tweet records from Kafka, or with --input dir:PATH tweet JSON lines (as parse tweet"
          + " reads them, plain or gzipped) from the files in a directory: those there at the"
          + " first start and those that appear later, each read once, also across restarts from"
          + " the checkpoint; no broker or registry is needed then.",
      "Each slide's top N goes, exactly once, to table popular_hashtags(slide_time, rank,"
          + " hashtag, hits), which keeps --retain of slides, and to topic popular-hashtags (a"
          + " Ranking keyed by slide time; from files only with --output-topic). Kafka offsets are"
          + " committed after the outputs. Lines that are not tweets go to the dead letters"
          + " (--dead-letters) with their file:line or topic/partition/offset."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline job popular-hashtags --bootstrap kafka:9092 --console",
      "  pipeline job popular-hashtags --window 10m --slide 10s --batch 10s --top 20",
      "  pipeline job popular-hashtags --input dir:data/tweets --console"
    })
public final class PopularHashtagsCommand implements Callable<Integer> {
  public static final TableSpec TABLE =
      new TableSpec(
          "popular_hashtags",
          List.of(
              Column.of("slide_time", Column.Type.TIMESTAMP), Column.of("rank", Column.Type.INT)),
          List.of(Column.of("hashtag", Column.Type.TEXT), Column.of("hits", Column.Type.BIGINT)));

  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();
  @Mixin StreamingOptions streaming = new StreamingOptions();
  @Mixin DStreamOptions dstream = new DStreamOptions();
  @Mixin KafkaOutputOptions kafkaOutput = new KafkaOutputOptions();
  @Mixin JdbcOptions jdbc = new JdbcOptions();
  @Mixin OutputTopicOptions results = new OutputTopicOptions(Topics.POPULAR_HASHTAGS);

  @Option(
      names = "--input",
      paramLabel = KafkaOrDirectory.LABEL,
      defaultValue = "kafka",
      description =
          "kafka: Tweet records from --input-topic; dir:PATH: tweet JSON lines (v1.1 statuses, v2"
              + " tweets or pages, plain or gzipped) in the files of a directory, those already"
              + " there included (default: ${DEFAULT-VALUE}).")
  String input;

  @Option(
      names = "--input-topic",
      defaultValue = Topics.TWEETS,
      description = "Topic of Tweet records (default: ${DEFAULT-VALUE}).")
  String inputTopic;

  @Mixin DeadLetterOptions deadLetterOptions = new DeadLetterOptions(Topics.TWEETS_DLQ);

  @Option(
      names = "--window",
      defaultValue = "300s",
      description = "Window length, a multiple of --batch (default: ${DEFAULT-VALUE}).")
  Duration window;

  @Option(
      names = "--slide",
      defaultValue = "1s",
      description = "Slide, a multiple of --batch (default: ${DEFAULT-VALUE}).")
  Duration slide;

  @Option(
      names = "--top",
      defaultValue = "10",
      description = "Hashtags per slide (default: ${DEFAULT-VALUE}).")
  int top;

  @Option(
      names = "--retain",
      defaultValue = "1h",
      description =
          "How long slides stay in the table; older rows are deleted (default: ${DEFAULT-VALUE}).")
  Duration retain;

  public PopularHashtagsCommand() {}

  @Override
  public Integer call() throws Exception {
    StreamingContexts.run(PopularHashtagsJob.NAME, context());
    return 0;
  }

  /** The job's streaming context, restored from its checkpoint or built; not started. */
  public JavaStreamingContext context() throws Exception {
    return StreamingContexts.getOrCreate(
        checkpoint(),
        StreamingContexts.conf(PopularHashtagsJob.NAME, streaming, dstream),
        dstream,
        checkpointOptions(),
        graph());
  }

  /**
   * What its checkpointed graph captures, so what a restart must ask for again: the input, the
   * window, slide and top N, where rankings and dead letters go, and the options every DStream
   * job's graph holds (the others: {@link NotInCheckpoint}).
   */
  public CheckpointOptions checkpointOptions() {
    KafkaOrDirectory from = KafkaOrDirectory.parse(input);
    return kafkaOutput.recordInGraph(
        CheckpointOptions.of(
                PopularHashtagsJob.NAME, Api.DSTREAM, 1, from.readsKafka() ? inputTopic : null)
            .with("--input", from.readsKafka() ? "kafka" : input)
            .with("--input-topic", from.readsKafka() ? inputTopic : null)
            .with("--window", window)
            .with("--slide", slide)
            .with("--top", top)
            .with("--retain", retain)
            .with("--dead-letters", deadLetterOptions.destination(from.readsKafka(), checkpoint()))
            .with("--output-topic", results.writesKafka(from.readsKafka()) ? results.topic() : null)
            .with("--output-format", results.format())
            .with("--jdbc-url", CheckpointOptions.jdbcUrl(jdbc.url()))
            .with("--jdbc-user", jdbc.user())
            .withDStreamCommon(
                streaming, dstream, kafka, registry.config(Map.of()).get(RegistryOptions.URL)));
  }

  /**
   * Prepares the outputs (tables created) and returns the function that builds the job's graph in a
   * new context — on its own, or beside other jobs' graphs in one context (the demo: a JVM has one
   * streaming context).
   */
  public StreamingContexts.Graph graph() throws Exception {
    if (top <= 0) {
      throw new IllegalArgumentException("--top must be positive, was " + top);
    }
    KafkaOrDirectory from = KafkaOrDirectory.parse(input);
    JdbcUpsertSink table = jdbc.upsertSink(TABLE);
    TableRows tableRows = new TableRows(TABLE);
    Map<String, String> registryConfig = new HashMap<>(registry.config(kafka.clientProperties()));
    LinkedHashMap<String, String> kafkaClient = new LinkedHashMap<>(kafka.clientProperties());
    // Null when the rankings do not go to Kafka (files, no --output-topic).
    String output = results.writesKafka(from.readsKafka()) ? results.topic() : null;
    TransactionalKafkaWriter writer =
        output == null ? null : kafkaOutput.writerFor(kafkaClient, PopularHashtagsJob.NAME, output);
    if (writer != null) {
      writer.prepare();
    }
    OutputFormat format = results.format();
    boolean console = streaming.console();
    long windowMillis = window.toMillis();
    long retainMillis = retain.toMillis();
    long slideMillis = slide.toMillis();
    int n = top;
    String topic = inputTopic;
    DeadLettering deadLetters =
        new DeadLettering(
            PopularHashtagsJob.NAME,
            deadLetterOptions.destination(from.readsKafka(), checkpoint()),
            registryConfig,
            kafkaClient);
    return (ssc, start) -> {
      JavaInputDStream<ConsumerRecord<byte[], byte[]>> stream =
          from.readsKafka()
              ? DirectKafka.stream(
                  ssc, kafka, topic, dstream.groupIdFor(PopularHashtagsJob.NAME), streaming, start)
              : null;
      JavaDStream<KeyedRecord> records =
          stream != null
              ? DirectKafka.decoded(stream, RecordDecoders.hashtags(registryConfig))
              : DirectoryLines.decoded(ssc, from.directory(), RecordDecoders.tweetJsonHashtags());
      org.apache.spark.streaming.Duration every = Durations.milliseconds(slideMillis);
      JavaPairDStream<String, Long> counts =
          PopularHashtagsJob.windowCounts(
              records,
              Durations.milliseconds(windowMillis),
              every,
              ssc.sparkContext().defaultParallelism());
      // The records of the batches since the last slide: their dead letters go out with it.
      JavaDStream<KeyedRecord> sinceLastSlide =
          every.equals(ssc.ssc().graph().batchDuration()) ? records : records.window(every, every);
      deadLetters.writeOutsideKafka(sinceLastSlide);
      sinceLastSlide
          .transformWith(
              counts,
              (newRecords, slideCounts, time) ->
                  PopularHashtagsJob.candidates(slideCounts, n)
                      .union(deadLetters.<Tuple2<String, Long>>inOutputPass(newRecords)))
          .foreachRDD(
              (pass, time) -> {
                // The slide's one Spark job; the driver writes the N records it brings back.
                OutputPass<Tuple2<String, Long>> done = OutputPass.run(pass);
                deadLetters.log(time, done.deadLetters());
                long end = time.milliseconds();
                SlideRanking ranking =
                    new SlideRanking(
                        end - windowMillis, end, PopularHashtagsJob.top(done.results(), n));
                if (console) {
                  DStreamOutputs.print(PopularHashtagsJob.NAME, end, ranking.lines());
                }
                if (!ranking.isEmpty() && output != null) {
                  RecordValues values =
                      RecordValues.of(format, Ranking.getClassSchema(), output, registryConfig);
                  List<ProducerRecord<byte[], byte[]>> slide =
                      List.of(
                          new ProducerRecord<>(
                              output,
                              KafkaResults.utf8(ranking.key()),
                              values.encode(ranking.ranking())));
                  if (writer == null) {
                    KafkaResults.sendFromDriver(kafkaClient, slide);
                  } else {
                    KafkaResults.sendOnceFromDriver(writer, PopularHashtagsJob.NAME, time, slide);
                  }
                }
                if (table != null) {
                  DStreamOutputs.upsert(
                      table,
                      PopularHashtagsJob.NAME,
                      new Time(end),
                      ranking.rows(tableRows),
                      deadLetters);
                  table.deleteBefore(
                      "slide_time", Instant.ofEpochMilli(end).minusMillis(retainMillis));
                }
              });
      if (stream != null) {
        DirectKafka.commitAfterOutputs(stream);
      }
    };
  }

  private String checkpoint() {
    return streaming.checkpointFor(PopularHashtagsJob.NAME);
  }
}
