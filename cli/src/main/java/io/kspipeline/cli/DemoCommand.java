package io.kspipeline.cli;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.core.config.RegistryOptions;
import io.kspipeline.embedded.BrokerConfig;
import io.kspipeline.embedded.EmbeddedKafkaBroker;
import io.kspipeline.jobs.common.JdbcOptions;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.jobs.common.SparkSessions;
import io.kspipeline.jobs.common.StreamingOptions;
import io.kspipeline.jobs.structured.StatusCountsCommand;
import io.kspipeline.jobs.structured.input.AccessLogInputOptions;
import io.kspipeline.producer.ProduceCommand;
import io.kspipeline.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the pipeline on embedded defaults, nothing to install. Starts a real Kafka broker
 * in this JVM, publishes an access log to it, counts statuses with Spark into Kafka and an H2 file
 * database, and prints the result table.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the pipeline on embedded defaults: a Kafka broker in this JVM, the access-log producer,"
          + " the status-counts job on local Spark, results in an H2 file database."
    },
    footer = {
      "",
      "Examples:",
      "  pipeline demo",
      "  pipeline demo --access-log /var/log/nginx/access.log",
      "  pipeline demo --bootstrap kafka:9092 --jdbc-url jdbc:postgresql://db/app"
    })
public final class DemoCommand implements Callable<Integer> {
  static final String SAMPLE_LOG = "/samples/access.log";

  @Spec CommandSpec spec;

  @Option(
      names = "--work-dir",
      defaultValue = "pipeline-demo-data",
      description =
          "Where the demo keeps broker data, checkpoints and the H2 database (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(
      names = "--access-log",
      paramLabel = "FILE",
      description = "Access log to publish (default: a bundled sample of 1,000 lines).")
  Path accessLog;

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "Use this Kafka cluster instead of starting an embedded broker.")
  String bootstrap;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description = "Write results to this database (default: an H2 file in the work dir).")
  String jdbcUrl;

  @Option(
      names = "--checkpoint",
      paramLabel = "DIR",
      description = "Checkpoint directory (default: <work-dir>/checkpoints/status-counts).")
  String checkpoint;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = workDir.toAbsolutePath();
    Files.createDirectories(work);
    String url =
        jdbcUrl != null
            ? jdbcUrl
            : "jdbc:h2:file:" + work.resolve("h2/pipeline") + ";AUTO_SERVER=TRUE";
    String checkpointDir =
        checkpoint != null ? checkpoint : work.resolve("checkpoints/status-counts").toString();
    Path input = accessLog != null ? accessLog : extractSample(work);

    EmbeddedKafkaBroker broker = null;
    try {
      String servers = bootstrap;
      if (servers == null) {
        out.println(
            "demo: starting an embedded Kafka broker (data in " + work.resolve("kafka") + ")");
        out.flush();
        broker =
            EmbeddedKafkaBroker.start(
                BrokerConfig.onFreePorts(work.resolve("kafka")).withDefaultPartitions(2));
        servers = broker.bootstrapServers();
      }
      DemoTopics.create(servers);
      out.println("demo: publishing " + input + " to " + Topics.ACCESS_LOGS + " at " + servers);
      out.flush();
      String registryUrl = work.resolve("schema-registry").toUri().toString();
      int produced = produce(servers, input, registryUrl);
      if (produced != 0) {
        return produced;
      }
      out.println("demo: counting statuses with Spark (checkpoint " + checkpointDir + ")");
      out.flush();
      runStatusCounts(servers, registryUrl, url, checkpointDir);
      printTable(out, url);
      out.println();
      out.println("demo: results are in " + url);
      out.println("demo:   SELECT status, hits FROM status_counts ORDER BY hits DESC;");
      out.println(
          "demo: Kafka topics "
              + Topics.STATUS_COUNTS
              + " (counts) and "
              + Topics.ACCESS_LOGS_DLQ
              + " (lines that do not parse); checkpoints in "
              + checkpointDir);
      out.println(
          "demo: each run publishes the log again and the counts grow; delete "
              + work
              + " to start over");
      return 0;
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  private int produce(String servers, Path input, String registry) {
    CommandLine produce = PipelineCommandLine.create(new ProduceCommand());
    produce.setOut(spec.commandLine().getOut());
    produce.setErr(spec.commandLine().getErr());
    return produce.execute(
        "access-logs",
        "--bootstrap",
        servers,
        "--file",
        input.toString(),
        "--registry",
        registry,
        "--progress",
        "none");
  }

  private void runStatusCounts(String servers, String registry, String url, String checkpointDir)
      throws Exception {
    StreamingOptions streaming = StreamingOptions.of(checkpointDir, "available-now");
    streaming.sparkConf().put("spark.ui.enabled", "false");
    SparkSession spark = SparkSessions.forJob("demo", streaming);
    try {
      StatusCountsCommand job =
          new StatusCountsCommand(
              AccessLogInputOptions.of("avro", Topics.ACCESS_LOGS, Topics.ACCESS_LOGS_DLQ),
              new KafkaOptions(servers),
              new RegistryOptions(registry),
              streaming,
              JdbcOptions.of(url),
              Topics.STATUS_COUNTS,
              OutputFormat.avro);
      QueryRunner.awaitAll(spark, job.start(spark));
    } finally {
      spark.stop();
    }
  }

  private static void printTable(PrintWriter out, String url) throws SQLException {
    try (Connection c = JdbcOptions.of(url).settings().connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT status, hits FROM status_counts ORDER BY hits DESC, status")) {
      out.println();
      out.println("+--------+--------+");
      out.println("| status |   hits |");
      out.println("+--------+--------+");
      while (rs.next()) {
        out.printf("| %6d | %6d |%n", rs.getInt(1), rs.getLong(2));
      }
      out.println("+--------+--------+");
    }
    out.flush();
  }

  private static Path extractSample(Path work) throws IOException {
    Path sample = work.resolve("sample-access.log");
    try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE_LOG)) {
      if (in == null) {
        throw new IOException(
            "the bundled sample " + SAMPLE_LOG + " is missing from the classpath");
      }
      Files.copy(in, sample, StandardCopyOption.REPLACE_EXISTING);
    }
    return sample;
  }
}
