package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's logging ConfigMap, as driver and executors load it: a JVM on a plain Spark 3.5.1
 * class path given the rendered log4j2.properties by -Dlog4j2.configurationFile (what the chart's
 * javaOptions say) starts Spark and logs; every line on stderr is one JSON event, Spark's own lines
 * included.
 */
class SparkJsonLoggingIT {
  @TempDir Path work;

  @Test
  void sparkAndThePipelineLogOneJsonObjectPerLine() throws IOException {
    ExternalTool helm = ExternalTool.require("helm");
    String sparkClassPath = Repository.sparkClassPath();
    List<JsonNode> docs =
        Repository.yamlDocuments(
            helm.run(
                    Repository.root(),
                    "template",
                    "kafka-spark-pipeline",
                    Repository.chart().toString(),
                    "--show-only",
                    "templates/logging-configmap.yaml")
                .assertSucceeded()
                .output());
    Path config = work.resolve("log4j2.properties");
    Files.writeString(config, docs.get(0).at("/data/log4j2.properties").asText());

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.addAll(Repository.sparkJava17Options());
    command.add("-Dlog4j2.configurationFile=" + config);
    command.addAll(
        List.of(
            "-cp",
            sparkClassPath
                + java.io.File.pathSeparator
                + Repository.module().resolve("target/test-classes"),
            LoggingProbe.class.getName()));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> environment = ExternalTool.withoutVariables(builder, "SPARK_", "HADOOP_");
    environment.put("HOSTNAME", "status-counts-driver");
    ExternalTool.Result result =
        ExternalTool.Result.of(builder, "LoggingProbe", Duration.ofMinutes(2)).assertSucceeded();

    List<JsonNode> events = new ArrayList<>();
    for (String line : result.output().split("\n")) {
      if (!line.isBlank()) {
        JsonNode event = Repository.JSON.readTree(line);
        assertThat(event.isObject()).as(line).isTrue();
        events.add(event);
      }
    }
    assertThat(events)
        .allSatisfy(
            event -> {
              assertThat(event.path("timeMillis").isIntegralNumber()).isTrue();
              assertThat(event.path("level").asText()).isIn("INFO", "WARN", "ERROR");
              assertThat(event.path("pod").asText()).isEqualTo("status-counts-driver");
            });
    assertThat(events)
        .anySatisfy(
            event -> {
              assertThat(event.path("loggerName").asText())
                  .isEqualTo("org.apache.spark.SparkContext");
              assertThat(event.path("message").asText()).isEqualTo("Running Spark version 3.5.1");
            });
    List<JsonNode> probe =
        events.stream()
            .filter(event -> event.path("loggerName").asText().equals(LoggingProbe.LOGGER))
            .toList();
    assertThat(probe).hasSize(2);
    assertThat(probe.get(0).path("level").asText()).isEqualTo("INFO");
    assertThat(probe.get(0).path("message").asText()).isEqualTo("batch query=probe rows=3");
    assertThat(probe.get(0).path("thread").asText()).isEqualTo("main");
    assertThat(probe.get(1).path("level").asText()).isEqualTo("WARN");
    assertThat(probe.get(1).at("/thrown/name").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(probe.get(1).at("/thrown/message").asText()).isEqualTo("unparsable line");
    assertThat(probe.get(1).at("/thrown/extendedStackTrace").asText())
        .contains("at io.kspipeline.deploy.LoggingProbe.main");
  }
}
