package io.kspipeline.deploy;

import static io.kspipeline.testsupport.Eventually.eventually;
import static java.util.stream.Collectors.joining;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.fifo.FifoScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/yarn/submit.sh for real: the job jar submitted in cluster mode to a MiniYARNCluster (a
 * ResourceManager and one NodeManager in this JVM, whose containers are child processes), its
 * driver and executor reading from and writing to a real broker.
 *
 * <p>The script runs {@code $SPARK_HOME/bin/spark-submit}. SPARK_HOME here is what a gateway host
 * of a cluster has, made from the Maven class path: a bin/spark-submit that starts SparkSubmit on
 * the plain Spark 3.5.1 jars (with YARN support) and a conf/spark-defaults.conf with the
 * installation's settings, among them where the containers find those jars.
 */
class YarnClusterSubmitIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  private static final Path JOB_JAR = Repository.dockerContext().resolve("stream-jobs-job.jar");

  /** Generous: two JVMs start in containers on a shared 2-core machine. Not a speed test. */
  private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(6);

  private static final Duration CLUSTER_START_TIMEOUT = Duration.ofMinutes(1);

  @TempDir Path work;
  private MiniYARNCluster yarn;

  @BeforeEach
  void startYarn() throws Exception {
    YarnConfiguration conf = new YarnConfiguration();
    // Room for the driver (the application master in cluster mode) and one executor, each
    // 512m of heap plus Spark's 384m overhead.
    conf.setInt(YarnConfiguration.NM_PMEM_MB, 4096);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    // The capacity scheduler would need a queue configuration (capacity-scheduler.xml is not in
    // the minicluster jar); first come, first served is all one application needs.
    conf.set(YarnConfiguration.RM_SCHEDULER, FifoScheduler.class.getName());
    // A JVM's virtual memory is far above its heap; a nearly full disk of a CI machine must not
    // make the only node unhealthy.
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100.0f);
    // No HDFS: the staging directory, checkpoints and H2 database are local files, which the
    // containers see as well.
    conf.set("fs.defaultFS", "file:///");

    yarn = new MiniYARNCluster(getClass().getSimpleName(), 1, 1, 1);
    yarn.init(conf);
    yarn.start();
    assertThat(yarn.waitForNodeManagersToConnect(CLUSTER_START_TIMEOUT.toMillis()))
        .as("the NodeManager registered with the ResourceManager")
        .isTrue();
    // start() can return before the ResourceManager has put its real port in the configuration.
    eventually(
        "the ResourceManager's address in the configuration",
        CLUSTER_START_TIMEOUT,
        () -> !yarn.getConfig().get(YarnConfiguration.RM_ADDRESS, "").endsWith(":0"));
  }

  @AfterEach
  void stopYarn() {
    if (yarn != null) {
      yarn.stop();
    }
  }

  @Test
  void submitShRunsStatusCountsInClusterMode() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic("raw", 2);
    kafka.createTopic("counts", 1);
    kafka.createTopic("dead", 1);
    kafka.produceValues("raw", StatusCountsRun.input());

    Path options = work.resolve("job.properties");
    Files.writeString(
        options,
        "output-topic=counts\ndead-letter-topic=dead\noutput-format=json\nregistry="
            + work.resolve("registry").toUri()
            + "\n");
    String database = "jdbc:h2:file:" + work.resolve("results");
    Path hadoopConf = hadoopConfDir();

    ProcessBuilder builder =
        new ProcessBuilder(
                Repository.path("deploy/yarn/submit.sh").toString(),
                "status-counts",
                "--input",
                "raw",
                "--input-topic",
                "raw",
                "--trigger",
                "available-now",
                "--jdbc-url",
                database)
            .directory(work.toFile());
    Map<String, String> environment =
        ExternalTool.withoutVariables(
            builder, "PIPELINE_", "SPARK_", "HADOOP_", "YARN_", "SUBMIT_");
    environment.put("SPARK_HOME", sparkHome().toString());
    environment.put("HADOOP_CONF_DIR", hadoopConf.toString());
    environment.put("YARN_CONF_DIR", hadoopConf.toString());
    environment.put("SUBMIT_JOB_JAR", JOB_JAR.toString());
    // The results' H2 database needs its driver, which the job jar does not bundle: shipped with
    // the job (--jars) as a user ships theirs.
    environment.put("SUBMIT_JARS", StatusCountsRun.h2Jar().toString());
    environment.put("SUBMIT_DRIVER_MEMORY", "512m");
    environment.put("SUBMIT_EXECUTORS", "1");
    environment.put("SUBMIT_EXECUTOR_CORES", "1");
    environment.put("SUBMIT_EXECUTOR_MEMORY", "512m");
    // A failure shows at once instead of after the attempts a long-running job is allowed.
    environment.put("SUBMIT_MAX_APP_ATTEMPTS", "1");
    // spark-submit then ends with the application and exits non-zero if it failed.
    environment.put("SUBMIT_WAIT", "true");
    environment.put("SUBMIT_CHECKPOINT_ROOT", "file://" + work.resolve("checkpoints"));
    environment.put("PIPELINE_BOOTSTRAP", kafka.bootstrapServers());
    environment.put("PIPELINE_CONFIG_FILE", options.toString());

    ExternalTool.Result submit;
    try {
      submit = ExternalTool.Result.of(builder, "deploy/yarn/submit.sh", SUBMIT_TIMEOUT);
    } catch (IllegalStateException timedOut) {
      throw new AssertionError(timedOut.getMessage() + logs(), timedOut);
    }
    if (submit.exitCode() != 0) {
      throw new AssertionError(
          "deploy/yarn/submit.sh exited " + submit.exitCode() + ":\n" + submit.output() + logs());
    }

    ApplicationReport application = theApplication();
    assertThat(application.getName()).isEqualTo("kspipeline-status-counts");
    assertThat(application.getYarnApplicationState())
        .as(() -> application.getDiagnostics() + logs())
        .isEqualTo(YarnApplicationState.FINISHED);
    assertThat(application.getFinalApplicationStatus())
        .as(() -> application.getDiagnostics() + logs())
        .isEqualTo(FinalApplicationStatus.SUCCEEDED);
    // The driver logged through the shipped log4j2-yarn.properties into its container's logs.
    assertThat(containerLogFiles()).anyMatch(file -> file.endsWith("spark.log"));
    // The checkpoint went where SUBMIT_CHECKPOINT_ROOT said.
    assertThat(work.resolve("checkpoints/status-counts")).isDirectory();

    assertThat(StatusCountsRun.latestCounts(kafka.readAll("counts")))
        .as(this::logs)
        .isEqualTo(StatusCountsRun.EXPECTED_COUNTS);
    assertThat(kafka.readAll("dead")).hasSize(1);
    assertThat(StatusCountsRun.tableCounts(database)).isEqualTo(StatusCountsRun.EXPECTED_COUNTS);
  }

  /** The running cluster's addresses, where spark-submit and the containers read them. */
  private Path hadoopConfDir() throws IOException {
    Path dir = Files.createDirectories(work.resolve("hadoop-conf"));
    try (OutputStream out = Files.newOutputStream(dir.resolve("yarn-site.xml"))) {
      yarn.getConfig().writeXml(out);
    }
    Files.writeString(
        dir.resolve("core-site.xml"),
        "<configuration><property><name>fs.defaultFS</name><value>file:///</value></property>"
            + "</configuration>\n");
    return dir;
  }

  private Path sparkHome() throws IOException {
    Path home = work.resolve("spark");
    List<String> jars = List.of(Repository.sparkClassPath().split(":"));

    Path sparkSubmit = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
    // What a distribution's spark-submit ends up running: SparkSubmit with the Hadoop
    // configuration and Spark's jars on its class path.
    Files.writeString(
        sparkSubmit,
        "#!/bin/sh\nexec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -Xmx512m "
            + String.join(" ", Repository.sparkJava17Options())
            + " -cp \"$HADOOP_CONF_DIR:"
            + String.join(":", jars)
            + "\" org.apache.spark.deploy.SparkSubmit \"$@\"\n");
    Files.setPosixFilePermissions(sparkSubmit, PosixFilePermissions.fromString("rwxr-xr-x"));

    List<String> defaults = new ArrayList<>();
    // Every node has the Spark jars at these paths (all is one machine): the containers use them
    // in place (local:) instead of each application uploading 150 jars.
    defaults.add(
        "spark.yarn.jars " + jars.stream().map(jar -> "local:" + jar).collect(joining(",")));
    defaults.add("spark.yarn.stagingDir " + work.resolve("staging").toUri());
    // The NodeManager's environment has no JAVA_HOME to give the containers.
    String javaHome = System.getProperty("java.home");
    defaults.add("spark.yarn.appMasterEnv.JAVA_HOME " + javaHome);
    defaults.add("spark.executorEnv.JAVA_HOME " + javaHome);
    defaults.add("spark.ui.enabled false");
    defaults.add("spark.sql.shuffle.partitions 2");
    Path conf = Files.createDirectories(home.resolve("conf"));
    Files.write(conf.resolve("spark-defaults.conf"), defaults, StandardCharsets.UTF_8);
    return home;
  }

  private ApplicationReport theApplication() throws Exception {
    try (YarnClient client = YarnClient.createYarnClient()) {
      client.init(yarn.getConfig());
      client.start();
      List<ApplicationReport> applications = client.getApplications();
      assertThat(applications).as("applications the ResourceManager knows").hasSize(1);
      return applications.get(0);
    }
  }

  /** Everything the containers wrote in their log directories (stdout, stderr, spark.log). */
  private List<Path> containerLogFiles() {
    try (Stream<Path> files = Files.walk(yarn.getTestWorkDir().toPath())) {
      return files
          .filter(file -> file.toString().contains("-logDir-nm-"))
          .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The end of each container log, for failure messages. */
  private String logs() {
    StringBuilder text = new StringBuilder("\n\nContainer logs:");
    for (Path file : containerLogFiles()) {
      String content = Repository.read(file);
      text.append("\n==> ")
          .append(file)
          .append(" <==\n")
          .append(content.substring(Math.max(0, content.length() - 20_000)));
    }
    return text.toString();
  }
}
