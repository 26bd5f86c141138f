package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar as a cluster runs it: spark-submit --master local[2] in a JVM whose class path is a
 * plain Spark 3.5.1 (spark-core, spark-sql, spark-streaming and their dependencies, nothing of
 * ours), against a real broker, with its options from a flag, a variable and a properties file.
 */
class ShadedJarIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  private static final Path JOB_JAR = Repository.dockerContext().resolve("stream-jobs-job.jar");

  @TempDir Path work;

  @Test
  void bundlesTheConnectorButNotSpark() throws IOException {
    try (JarFile jar = new JarFile(JOB_JAR.toFile())) {
      assertThat(jar.getEntry("io/kspipeline/jobs/JobCommand.class")).isNotNull();
      assertThat(jar.getEntry("org/apache/kafka/clients/consumer/KafkaConsumer.class")).isNotNull();
      assertThat(jar.getEntry("org/apache/spark/sql/kafka010/KafkaSourceProvider.class"))
          .isNotNull();
      assertThat(jar.getEntry("org/apache/commons/pool2/ObjectPool.class")).isNotNull();
      assertThat(jar.getEntry("org/apache/spark/SparkContext.class")).isNull();
      assertThat(jar.getEntry("scala/Option.class")).isNull();
      assertThat(jar.getEntry("org/apache/hadoop/fs/FileSystem.class")).isNull();
      assertThat(jar.getEntry("org/slf4j/Logger.class")).isNull();
      assertThat(jar.stream().map(e -> e.getName()))
          .noneMatch(name -> name.matches("META-INF/[^/]+\\.(SF|DSA|RSA)"));
      String dataSources =
          new String(
              jar.getInputStream(
                      jar.getEntry(
                          "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister"))
                  .readAllBytes(),
              StandardCharsets.UTF_8);
      assertThat(dataSources).contains("org.apache.spark.sql.kafka010.KafkaSourceProvider");
    }
  }

  @Test
  void bundlesNoH2AndNoJdbcDriverUnlessAskedTo() throws IOException {
    List<String> entries;
    try (JarFile jar = new JarFile(JOB_JAR.toFile())) {
      entries = jar.stream().map(e -> e.getName()).toList();
    }
    // H2 never: its URLs can run code (INIT=RUNSCRIPT, CREATE ALIAS), not on a cluster.
    assertThat(entries).noneMatch(name -> name.startsWith("org/h2/"));
    if (Boolean.getBoolean("job-jar.jdbc-drivers")) {
      assertThat(entries).contains("org/postgresql/Driver.class", "org/mariadb/jdbc/Driver.class");
    } else {
      // The image, the cluster or spark-submit --jars / --packages provides them.
      assertThat(entries)
          .noneMatch(name -> name.startsWith("org/postgresql/"))
          .noneMatch(name -> name.startsWith("org/mariadb/"));
    }
  }

  @Test
  void theBuildWritesTheJobJarsSbom() throws IOException {
    Path bom = Repository.path("stream-jobs/target/bom.json");
    assertThat(bom)
        .as("the CycloneDX SBOM of stream-jobs (cyclonedx-maven-plugin)")
        .isRegularFile();
    JsonNode sbom = Repository.JSON.readTree(bom.toFile());
    assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(sbom.at("/metadata/component/name").asText()).isEqualTo("stream-jobs");
    List<String> components = new ArrayList<>();
    sbom.path("components").forEach(c -> components.add(c.path("purl").asText()));
    // What the job jar bundles, each at the version it was built with.
    assertThat(components)
        .anyMatch(purl -> purl.startsWith("pkg:maven/org.apache.kafka/kafka-clients@"))
        .anyMatch(purl -> purl.startsWith("pkg:maven/org.apache.spark/spark-sql-kafka-0-10_2.12@"))
        .anyMatch(purl -> purl.startsWith("pkg:maven/info.picocli/picocli@"));
    // Not what the jar leaves to the cluster's Spark (stream-jobs/pom.xml), nor H2.
    for (String left :
        List.of(
            "org.apache.spark/spark-core_2.12",
            "org.apache.spark/spark-tags_2.12",
            "org.scala-lang/",
            "org.apache.hadoop/",
            "org.apache.avro/",
            "com.fasterxml.jackson.core/",
            "org.slf4j/",
            "org.lz4/",
            "org.xerial.snappy/",
            "com.github.luben/",
            "com.h2database/")) {
      assertThat(components).noneMatch(purl -> purl.startsWith("pkg:maven/" + left));
    }
  }

  @Test
  void dockerContextHoldsWhatTheDockerfilesCopy() {
    for (String file :
        List.of(
            "stream-jobs.Dockerfile",
            "producer.Dockerfile",
            "stream-jobs-job.jar",
            "producer-app.jar",
            "jdbc-postgresql.jar",
            "jdbc-mariadb.jar",
            "jmx_prometheus_javaagent.jar")) {
      assertThat(Repository.dockerContext().resolve(file)).as(file).isRegularFile();
    }
  }

  @Test
  void runsStatusCountsWithSparkSubmitOnAPlainSparkClassPath() throws Exception {
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

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(Repository.sparkJava17Options());
    command.addAll(
        List.of("-cp", Repository.sparkClassPath(), "org.apache.spark.deploy.SparkSubmit"));
    command.addAll(
        List.of(
            "--master",
            "local[2]",
            "--class",
            "io.kspipeline.jobs.JobCommand",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.sql.shuffle.partitions=2",
            // The results go to an H2 database, whose driver the job jar does not have: given
            // the way a user gives spark-submit a driver.
            "--jars",
            StatusCountsRun.h2Jar().toString(),
            JOB_JAR.toString(),
            "status-counts",
            "--input",
            "raw",
            "--input-topic",
            "raw",
            "--trigger",
            "available-now",
            "--checkpoint",
            work.resolve("checkpoint").toString(),
            "--jdbc-url",
            database));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> environment =
        ExternalTool.withoutVariables(builder, "PIPELINE_", "SPARK_", "HADOOP_");
    environment.put("PIPELINE_BOOTSTRAP", kafka.bootstrapServers());
    environment.put("PIPELINE_CONFIG_FILE", options.toString());

    ExternalTool.Result.of(builder, "spark-submit of the job jar", Duration.ofMinutes(4))
        .assertSucceeded();

    assertThat(StatusCountsRun.latestCounts(kafka.readAll("counts")))
        .isEqualTo(StatusCountsRun.EXPECTED_COUNTS);
    assertThat(kafka.readAll("dead")).hasSize(1);
    assertThat(StatusCountsRun.tableCounts(database)).isEqualTo(StatusCountsRun.EXPECTED_COUNTS);
  }
}
