package io.kspipeline.cli.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.cli.PipelineRun;
import io.kspipeline.testsupport.KafkaHarness;
import io.kspipeline.testsupport.SaslSslEndpoint;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Option;

/**
 * The producer and a Structured job against a broker that only lets SCRAM-SHA-512 users in over
 * TLS, configured the way users do it (a {@code --kafka-config} file); then the run's logs, Spark
 * event log and query plans are searched for the secrets.
 */
class SecuredPipelineIT {
  private static final String USER = "pipeline";
  // Characters that JAAS and properties files treat specially, so quoting mistakes show.
  private static final String PASSWORD = "Sc4m-pw_7f3a!x";
  private static final String JDBC_PASSWORD = "db-pw_91c2e0";
  private static final String REGISTRY = "mock://secured-pipeline-it";

  private static KafkaHarness kafka;

  @TempDir Path work;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaHarness.startSaslSsl(Map.of(USER, PASSWORD));
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String line(int status) {
    return "10.1.2.3 - - [26/Dec/2016:14:16:29 +0000] \"GET /index.html HTTP/1.1\" "
        + status
        + " 512 \"-\" \"curl/7.50\"";
  }

  private Path clientConfig(String name, Map<String, String> settings) throws IOException {
    Properties properties = new Properties();
    properties.putAll(settings);
    Path file = work.resolve(name);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, null);
    }
    return file;
  }

  private Path accessLog(List<String> lines) throws IOException {
    Path file = work.resolve("access.log");
    Files.write(file, lines);
    return file;
  }

  private static PipelineRun produce(Path log, String topic, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "produce",
                "access-logs",
                "--format",
                "raw",
                "--topic",
                topic,
                "--file",
                log.toString(),
                "--bootstrap",
                kafka.saslSsl().bootstrapServers(),
                "--registry",
                REGISTRY,
                "--progress",
                "none"));
    args.addAll(List.of(extra));
    return PipelineRun.of(args);
  }

  @Test
  void shouldCountOverSaslSslWithoutASecretInLogsEventLogOrPlans() throws Exception {
    kafka.createTopic("secured-raw", 2);
    kafka.createTopic("secured-counts", 1);
    kafka.createTopic("secured-dlq", 1);
    SaslSslEndpoint endpoint = kafka.saslSsl();
    Map<String, String> settings = endpoint.clientProperties(USER, PASSWORD);
    Path producerConfig = clientConfig("producer.properties", settings);
    // The same login with single quotes, which Spark's own JAAS redaction does not recognise.
    Map<String, String> singleQuoted = new TreeMap<>(settings);
    singleQuoted.put("sasl.jaas.config", singleQuotedJaas(USER, PASSWORD));
    Path jobConfig = clientConfig("job.properties", singleQuoted);
    Path jdbcPasswordFile = work.resolve("jdbc-password");
    Files.writeString(jdbcPasswordFile, JDBC_PASSWORD + "\n");
    Path eventLogs = Files.createDirectories(work.resolve("spark-events"));
    String jdbcUrl = "jdbc:h2:mem:secured-pipeline;DB_CLOSE_DELAY=-1";

    List<String> lines = new ArrayList<>(Collections.nCopies(5, line(200)));
    lines.addAll(Collections.nCopies(3, line(404)));
    lines.addAll(Collections.nCopies(2, line(500)));
    Path log = accessLog(lines);

    String explained;
    PipelineRun produced;
    PipelineRun counted;
    Path capturedLog = work.resolve("captured.log");
    try (LogCapture capture = LogCapture.into(capturedLog)) {
      produced = produce(log, "secured-raw", "--kafka-config", producerConfig.toString());
      assertThat(produced.exit()).as(produced.printed()).isZero();
      assertThat(produced.printed()).contains("read=10 sent=10 dead_lettered=0 failed=0");

      counted =
          PipelineRun.of(
              List.of(
                  "job",
                  "status-counts",
                  "--bootstrap",
                  endpoint.bootstrapServers(),
                  "--kafka-config",
                  jobConfig.toString(),
                  "--registry",
                  REGISTRY,
                  "--input",
                  "raw",
                  "--input-topic",
                  "secured-raw",
                  "--dead-letter-topic",
                  "secured-dlq",
                  "--output-topic",
                  "secured-counts",
                  "--output-format",
                  "json",
                  "--trigger",
                  "available-now",
                  "--checkpoint",
                  work.resolve("checkpoints").toString(),
                  "--jdbc-url",
                  jdbcUrl,
                  "--jdbc-user",
                  "sa",
                  "--jdbc-password-file",
                  jdbcPasswordFile.toString(),
                  "--master",
                  "local[2]",
                  "--spark-conf",
                  "spark.ui.enabled=false",
                  "--spark-conf",
                  "spark.eventLog.enabled=true",
                  "--spark-conf",
                  "spark.eventLog.compress=false",
                  "--spark-conf",
                  "spark.eventLog.dir=" + eventLogs.toUri(),
                  "--spark-conf",
                  "spark.sql.streaming.streamingQueryListeners=" + QueryRecorder.class.getName()));
      assertThat(counted.exit()).as(counted.printed()).isZero();
      explained = QueryRecorder.explainAllAndClear();
      stopSpark();
    }

    Map<Integer, Long> expected = Map.of(200, 5L, 404, 3L, 500, 2L);
    assertThat(latestCounts("secured-counts")).isEqualTo(expected);
    assertThat(tableCounts(jdbcUrl)).isEqualTo(expected);
    assertThat(explained).contains("== Physical Plan ==");

    SecretScan scan =
        new SecretScan(
                Map.of(
                    "SCRAM password",
                    PASSWORD,
                    "JAAS config (double quotes)",
                    SaslSslEndpoint.jaasConfig(USER, PASSWORD),
                    "JAAS config (single quotes)",
                    singleQuotedJaas(USER, PASSWORD),
                    "truststore password",
                    endpoint.truststorePassword(),
                    "JDBC password",
                    JDBC_PASSWORD))
            .text("explain()", explained)
            .text("producer output", produced.printed())
            .text("job output", counted.printed())
            .files(capturedLog)
            .files(eventLogs);
    System.out.println("secrets found in logs: " + scan.total() + " " + scan.findings());
    assertThat(scan.findings()).isEmpty();
    // The scan saw what it had to: Spark's Kafka parameters (masked) and SQL plans in the event
    // log.
    assertThat(Files.readString(capturedLog))
        .contains("Admin params", "password=\"*********(redacted)\"");
    assertThat(eventLogText(eventLogs)).contains("SparkListenerSQLExecutionStart");
  }

  /**
   * verify pointed at a secured cluster, as a platform team runs it against its own: the harness's
   * clients and the job's read the same --kafka-config; the job JVM's logs hold no secret.
   */
  @Test
  void shouldVerifyAJobAgainstTheSecuredClusterThroughKafkaConfig() throws Exception {
    SaslSslEndpoint endpoint = kafka.saslSsl();
    Map<String, String> settings = endpoint.clientProperties(USER, PASSWORD);
    Path config = clientConfig("verify.properties", settings);
    Path verifyDir = work.resolve("verify");

    PipelineRun verified =
        PipelineRun.of(
            List.of(
                "verify",
                "--job",
                "status-counts",
                "--kills",
                "1",
                "--events",
                "200",
                "--seed",
                "3",
                "--bootstrap",
                endpoint.bootstrapServers(),
                "--kafka-config",
                config.toString(),
                "--work-dir",
                verifyDir.toString()));

    System.out.println(verified.printed());
    assertThat(verified.exit()).as(verified.printed()).isZero();
    assertThat(verified.printed().strip().lines().reduce((a, b) -> b).orElseThrow())
        .matches(
            "verify: job=status-counts kills=1 events=200 lost=0 duplicated=0 topic_missing=0"
                + " topic_raw_duplicates=\\d+");
    SecretScan scan =
        new SecretScan(
                Map.of(
                    "SCRAM password",
                    PASSWORD,
                    "truststore password",
                    endpoint.truststorePassword()))
            .text("verify output", verified.printed())
            .files(verifyDir);
    assertThat(scan.findings()).isEmpty();
  }

  private static String singleQuotedJaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username='"
        + user
        + "' password='"
        + password
        + "';";
  }

  @Test
  void shouldTellTheUserTheirPasswordWasRejected() throws Exception {
    kafka.createTopic("secured-wrong-password", 1);
    Map<String, String> wrong = kafka.saslSsl().clientProperties(USER, "not-" + PASSWORD);
    PipelineRun run =
        produce(
            accessLog(List.of(line(200))),
            "secured-wrong-password",
            "--kafka-config",
            clientConfig("wrong.properties", wrong).toString());
    // Found when the producer connects, before it reads a line: one line, no summary.
    assertThat(run.exit()).isNotZero();
    assertThat(run.printed())
        .isEqualTo(
            "access-logs: Kafka refused the login (security.protocol=SASL_SSL): check the user"
                + " name and password in sasl.jaas.config and sasl.mechanism (Authentication"
                + " failed during authentication due to invalid credentials with SASL mechanism"
                + " SCRAM-SHA-512)"
                + System.lineSeparator())
        .doesNotContain(PASSWORD);
  }

  @Test
  void shouldTellTheUserAPlaintextClientCannotTalkToTheSecuredListener() throws Exception {
    kafka.createTopic("secured-plaintext", 1);
    // The broker drops the non-TLS bytes without an answer; the client waits max.block.ms (60 s by
    // default) for metadata, before the producer reads a line.
    PipelineRun run =
        produce(accessLog(List.of(line(200))), "secured-plaintext", "-X", "max.block.ms=5000");
    assertThat(run.exit()).isNotZero();
    assertThat(run.printed())
        .isEqualTo(
            "access-logs: Kafka at "
                + kafka.saslSsl().bootstrapServers()
                + " accepted the connection but sent no metadata for topic secured-plaintext within"
                + " 5s: if the topic does not exist and the broker does not create topics, create"
                + " it; over PLAINTEXT, if that listener expects TLS or SASL, set security.protocol"
                + " (e.g. SASL_SSL), sasl.* and ssl.* in --kafka-config"
                + System.lineSeparator());
  }

  private static String eventLogText(Path dir) throws IOException {
    StringBuilder text = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        text.append(Files.readString(file));
      }
    }
    return text.toString();
  }

  private static void stopSpark() {
    Option<SparkSession> session = SparkSession.getDefaultSession();
    if (session.isDefined()) {
      session.get().stop();
    }
  }

  /** What the compacted output topic keeps: the last count of each status. */
  private static Map<Integer, Long> latestCounts(String topic) {
    Map<Integer, Long> latest = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic)) {
      String json = new String(record.value(), StandardCharsets.UTF_8);
      long hits = Long.parseLong(json.substring(json.lastIndexOf(':') + 1, json.length() - 1));
      latest.put(Integer.parseInt(new String(record.key(), StandardCharsets.UTF_8)), hits);
    }
    return latest;
  }

  private static Map<Integer, Long> tableCounts(String url) throws Exception {
    Map<Integer, Long> counts = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(url, "sa", JDBC_PASSWORD);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT status, hits FROM status_counts")) {
      while (rows.next()) {
        counts.put(rows.getInt(1), rows.getLong(2));
      }
    }
    return counts;
  }
}
