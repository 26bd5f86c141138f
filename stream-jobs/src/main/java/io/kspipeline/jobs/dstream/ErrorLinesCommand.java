package io.kspipeline.jobs.dstream;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions;
import io.kspipeline.jobs.checkpoint.NotInCheckpoint;
import io.kspipeline.jobs.common.KafkaOutputOptions;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.common.divert.Destination;
import io.kspipeline.jobs.common.exactlyonce.TransactionalKafkaWriter;
import io.kspipeline.schemas.Topics;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import scala.Tuple2;

/** {@code job error-lines}: wires {@link ErrorLinesJob} to its source and topic. */
@Command(
    name = ErrorLinesJob.NAME,
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "The seed's first DStream example on Kafka: access-log lines containing \"error\" (--match,"
          + " --ignore-case) from access-logs-raw, or server errors (status >= 500) from"
          + " access-logs with --server-errors; --socket host:port reads a TCP text socket as the"
          + " seed does.",
      "Each batch's lines are printed with --console (the seed's print()) and sent to topic"
          + " error-lines keyed by the source record's topic/partition/offset (for a socket only"
          + " with an explicit --output-topic)."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline job error-lines --bootstrap kafka:9092 --console",
      "  pipeline job error-lines --server-errors --batch 5s",
      "  nc -lk 8888 & pipeline job error-lines --socket localhost:8888 --console"
    })
public final class ErrorLinesCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka = new KafkaOptions();
  @Mixin RegistryOptions registry = new RegistryOptions();
  @Mixin StreamingOptions streaming = new StreamingOptions();
  @Mixin DStreamOptions dstream = new DStreamOptions();
  @Mixin KafkaOutputOptions kafkaOutput = new KafkaOutputOptions();

  @Option(
      names = "--match",
      defaultValue = "error",
      description = "Text an error line contains (default: ${DEFAULT-VALUE}).")
  String match;

  @Option(names = "--ignore-case", description = "Match regardless of case.")
  boolean ignoreCase;

  @Option(
      names = "--server-errors",
      description = "Read AccessLogEvents from access-logs and keep status >= 500 instead.")
  boolean serverErrors;

  @Option(
      names = "--socket",
      paramLabel = "HOST:PORT",
      description = "Read text lines from a TCP socket instead of Kafka (the seed's source).")
  String socket;

  @Option(
      names = "--input-topic",
      description = "Input topic (default: access-logs-raw; access-logs with --server-errors).")
  String inputTopic;

  @Option(
      names = "--dead-letter-topic",
      description = "Topic of unreadable records with --server-errors (default: access-logs-dlq).")
  String deadLetterTopic;

  @Option(
      names = "--output-topic",
      description = "Topic of the error lines (default: error-lines; none for --socket).")
  String outputTopic;

  public ErrorLinesCommand() {}

  @Override
  public Integer call() throws Exception {
    StreamingContexts.run(ErrorLinesJob.NAME, context());
    return 0;
  }

  /** The job's streaming context, restored from its checkpoint or built; not started. */
  public JavaStreamingContext context() throws Exception {
    return StreamingContexts.getOrCreate(
        streaming.checkpointFor(ErrorLinesJob.NAME),
        StreamingContexts.conf(ErrorLinesJob.NAME, streaming, dstream),
        dstream,
        checkpointOptions(),
        graph());
  }

  /**
   * What its checkpointed graph captures, so what a restart must ask for again: the source (socket
   * or topic), the match, where lines and dead letters go, and the options every DStream job's
   * graph holds (the others: {@link NotInCheckpoint}).
   */
  public CheckpointOptions checkpointOptions() {
    return kafkaOutput.recordInGraph(
        CheckpointOptions.of(
                ErrorLinesJob.NAME, Api.DSTREAM, 1, socket == null ? inputTopic() : null)
            .with("--socket", socket)
            .with("--input-topic", socket == null ? inputTopic() : null)
            .with("--server-errors", serverErrors)
            .with("--match", serverErrors ? null : match)
            .with("--ignore-case", serverErrors ? null : ignoreCase)
            .with("--dead-letter-topic", serverErrors ? deadLetterTopic() : null)
            .with("--output-topic", outputTopic())
            .withDStreamCommon(
                streaming, dstream, kafka, registry.config(Map.of()).get(RegistryOptions.URL)));
  }

  /** The topic read: --input-topic, else access-logs-raw, or access-logs with --server-errors. */
  private String inputTopic() {
    return inputTopic != null
        ? inputTopic
        : serverErrors ? Topics.ACCESS_LOGS : Topics.ACCESS_LOGS_RAW;
  }

  /** The topic of the lines; null for a socket without --output-topic. */
  private String outputTopic() {
    return outputTopic != null ? outputTopic : socket != null ? null : Topics.ERROR_LINES;
  }

  private String deadLetterTopic() {
    return deadLetterTopic != null ? deadLetterTopic : Topics.deadLetterTopicOf(inputTopic());
  }

  /**
   * Prepares the outputs (tables created) and returns the function that builds the job's graph in a
   * new context — on its own, or beside other jobs' graphs in one context (the demo: a JVM has one
   * streaming context).
   */
  public StreamingContexts.Graph graph() throws Exception {
    if (serverErrors && socket != null) {
      throw new IllegalArgumentException("--server-errors reads Avro from Kafka, not a --socket");
    }
    Map<String, String> registryConfig = new HashMap<>(registry.config(kafka.clientProperties()));
    String input = inputTopic();
    String output = outputTopic();
    LinkedHashMap<String, String> kafkaClient = new LinkedHashMap<>(kafka.clientProperties());
    Function<SourceRecord, KeyedRecord> decoder =
        serverErrors
            ? RecordDecoders.serverErrors(registryConfig)
            : RecordDecoders.matchingLines(match, ignoreCase);
    DeadLettering deadLetters =
        serverErrors
            ? new DeadLettering(
                ErrorLinesJob.NAME,
                new Destination.Topic(deadLetterTopic()),
                registryConfig,
                kafkaClient)
            : null;
    KafkaResults.ToRecord<Tuple2<String, String>> toRecord =
        line ->
            new ProducerRecord<>(
                output, KafkaResults.utf8(line._1()), KafkaResults.utf8(line._2()));
    TransactionalKafkaWriter writer =
        output == null ? null : kafkaOutput.writerFor(kafkaClient, ErrorLinesJob.NAME, output);
    if (writer != null) {
      writer.prepare();
    }
    boolean console = streaming.console();
    return (ssc, start) -> {
      JavaInputDStream<ConsumerRecord<byte[], byte[]>> stream = null;
      JavaDStream<SourceRecord> source;
      if (socket != null) {
        String[] hostPort = socket.split(":", 2);
        if (hostPort.length != 2) {
          throw new IllegalArgumentException("--socket wants HOST:PORT, got " + socket);
        }
        String name = "socket:" + socket;
        source =
            ssc.receiverStream(new TextSocketReceiver(hostPort[0], Integer.parseInt(hostPort[1])))
                .map(line -> ErrorLinesJob.fromSocket(name, line));
      } else {
        stream =
            DirectKafka.stream(
                ssc, kafka, input, dstream.groupIdFor(ErrorLinesJob.NAME), streaming, start);
        source = DirectKafka.records(stream);
      }
      JavaDStream<KeyedRecord> records = source.map(decoder).cache();
      JavaPairDStream<String, String> lines = ErrorLinesJob.errorLines(records);
      if (console) {
        lines.map(t -> t._2()).print();
      }
      if (output != null) {
        records
            .transformWith(
                lines,
                (batchRecords, batchLines, time) -> {
                  JavaRDD<Returned<Tuple2<String, String>>> sent =
                      writer == null
                          ? KafkaResults.sending(batchLines, kafkaClient, toRecord, false)
                          : KafkaResults.sendingOnce(
                              batchLines, writer, ErrorLinesJob.NAME, time, toRecord, false);
                  return deadLetters == null
                      ? sent
                      : sent.union(deadLetters.inOutputPass(batchRecords));
                })
            .foreachRDD(
                (pass, time) -> {
                  // One Spark job: the lines and the dead letters, sent from the executors.
                  long dead = OutputPass.run(pass).deadLetters();
                  if (deadLetters != null) {
                    deadLetters.log(time, dead);
                  }
                });
      }
      if (stream != null) {
        DirectKafka.commitAfterOutputs(stream);
      }
    };
  }
}
