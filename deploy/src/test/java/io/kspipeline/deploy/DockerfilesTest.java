package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfiles, read statically (no Docker engine here): official base images, the jars COPYed
 * from the staged build context to the paths the chart and scripts name, nothing downloaded, a
 * non-root user.
 */
class DockerfilesTest {
  static final String JOB_JAR_IN_IMAGE = "/opt/pipeline/stream-jobs-job.jar";
  static final String SPARK_JARS = "/opt/spark/jars/";

  /** One instruction: keyword and arguments, continuation lines joined. */
  record Instruction(String keyword, String arguments) {}

  @Test
  void jobImageIsOfficialSparkWithTheJarWhereTheChartLooks() {
    List<Instruction> dockerfile = parse("stream-jobs.Dockerfile");

    assertThat(dockerfile.get(0))
        .isEqualTo(new Instruction("FROM", "apache/spark:3.5.1-scala2.12-java17-ubuntu"));
    assertThat(copies(dockerfile))
        .contains(
            "stream-jobs-job.jar " + JOB_JAR_IN_IMAGE,
            "jmx_prometheus_javaagent.jar /opt/pipeline/jmx_prometheus_javaagent.jar",
            "metrics.properties jmx-exporter.yaml /opt/pipeline/");
    // The JDBC drivers the job jar leaves out, on the class path of the image's Spark (its
    // SPARK_HOME is /opt/spark), as a cluster provides them.
    assertThat(copies(dockerfile))
        .contains(
            "jdbc-postgresql.jar " + SPARK_JARS + "jdbc-postgresql.jar",
            "jdbc-mariadb.jar " + SPARK_JARS + "jdbc-mariadb.jar");
    var values = Repository.yaml(Repository.chart().resolve("values.yaml"));
    assertThat(values.path("mainApplicationFile").asText())
        .isEqualTo("local://" + JOB_JAR_IN_IMAGE);
    assertThat(values.at("/monitoring/jmxExporterJar").asText())
        .isEqualTo("/opt/pipeline/jmx_prometheus_javaagent.jar");
    assertThat(dockerfile).noneMatch(i -> i.keyword().equals("ENTRYPOINT"));
    assertRunsAsNonRoot(dockerfile);
    assertDownloadsNothing(dockerfile);
  }

  @Test
  void producerImageIsAJre17RunningTheAppJar() {
    List<Instruction> dockerfile = parse("producer.Dockerfile");

    assertThat(dockerfile.get(0)).isEqualTo(new Instruction("FROM", "eclipse-temurin:17-jre"));
    assertThat(copies(dockerfile)).contains("producer-app.jar /opt/pipeline/producer-app.jar");
    assertThat(copies(dockerfile))
        .contains("jmx_prometheus_javaagent.jar jmx-exporter.yaml /opt/pipeline/");
    assertThat(last(dockerfile, "ENTRYPOINT").arguments())
        .contains(
            "\"-javaagent:/opt/pipeline/jmx_prometheus_javaagent.jar=8090:/opt/pipeline/jmx-exporter.yaml\"")
        .contains("\"-jar\", \"/opt/pipeline/producer-app.jar\"");
    assertRunsAsNonRoot(dockerfile);
    assertDownloadsNothing(dockerfile);
  }

  @Test
  void everythingCopiedIsStagedByTheBuild() {
    String pom = Repository.read(Repository.path("deploy/pom.xml"));
    for (String name : List.of("stream-jobs.Dockerfile", "producer.Dockerfile")) {
      for (String copy : copies(parse(name))) {
        List<String> words = List.of(copy.split(" "));
        // Every source: a jar the dependency plugin copies, or a file the resources plugin does.
        for (String source : words.subList(0, words.size() - 1)) {
          assertThat(pom)
              .as(name + " copies " + source)
              .containsAnyOf("<destFileName>" + source + "<", "<include>" + source + "</include>");
        }
      }
    }
  }

  private static void assertRunsAsNonRoot(List<Instruction> dockerfile) {
    String user = last(dockerfile, "USER").arguments();
    assertThat(user).as("numeric, so Kubernetes can check runAsNonRoot").matches("\\d+");
    assertThat(Integer.parseInt(user)).isPositive();
  }

  private static void assertDownloadsNothing(List<Instruction> dockerfile) {
    for (Instruction i : dockerfile) {
      String text = i.arguments().toLowerCase(Locale.ROOT);
      assertThat(i.keyword()).isNotEqualTo("ADD");
      assertThat(text)
          .as(i.toString())
          .doesNotContain("curl", "wget", "http://", "https://", "apt-get");
    }
  }

  private static List<String> copies(List<Instruction> dockerfile) {
    return dockerfile.stream()
        .filter(i -> i.keyword().equals("COPY"))
        .map(Instruction::arguments)
        .toList();
  }

  private static Instruction last(List<Instruction> dockerfile, String keyword) {
    return dockerfile.stream()
        .filter(i -> i.keyword().equals(keyword))
        .reduce((first, second) -> second)
        .orElseThrow(() -> new AssertionError("no " + keyword));
  }

  static List<Instruction> parse(String name) {
    String text = Repository.read(Repository.path("deploy/docker/" + name));
    List<Instruction> instructions = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String[] parts = current.toString().split("\\s+", 2);
      instructions.add(
          new Instruction(
              parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : ""));
      current.setLength(0);
    }
    return instructions;
  }
}
