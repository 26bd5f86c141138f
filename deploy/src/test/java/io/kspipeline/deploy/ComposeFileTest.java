package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.jobs.catalog.ResultTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * docker-compose.yml, parsed as Compose parses it (no Docker engine here to run it): the services
 * of the whole pipeline, their health checks and start order, the images built from deploy/docker/,
 * state that survives {@code down}/{@code up}, memory limits, and the job services' one shared
 * definition.
 */
class ComposeFileTest {
  private static final String JOB_MAIN_CLASS = "io.kspipeline.jobs.JobCommand";
  private static final Path FILE = Repository.path("docker-compose.yml");
  private final JsonNode compose = Repository.yamlResolved(FILE);
  private final JsonNode services = compose.path("services");

  @Test
  void hasTheWholePipeline() {
    assertThat(names(services))
        .contains("kafka", "topics", "schema-registry", "postgres", "producer", "tweets-producer");
    assertThat(jobServices())
        .extracting(JobSpec::name)
        .contains(
            JobCatalog.STATUS_COUNTS.name(),
            JobCatalog.TOP_URLS.name(),
            JobCatalog.TRENDING_HASHTAGS.name(),
            JobCatalog.HASHTAG_COUNTS.name());
  }

  @Test
  void eachJobServiceIsNamedAfterTheCatalogJobItRuns() {
    services
        .fields()
        .forEachRemaining(
            service -> {
              List<String> command = commandLine(service.getValue());
              if (command.contains(JOB_MAIN_CLASS)) {
                String job = command.get(command.size() - 1);
                assertThat(JobCatalog.names()).as(service.getKey()).contains(job);
                assertThat(service.getKey()).isEqualTo(job);
              }
            });
  }

  @Test
  void createsTheTopicsOfItsJobsWithResultsCompactedAsDeclared() {
    Map<String, Boolean> compactedByTopic = new HashMap<>();
    for (String line : services.at("/topics/command/0").asText().split("\n")) {
      List<String> words = List.of(line.trim().split("\\s+"));
      if (words.get(0).equals("create")) {
        compactedByTopic.put(words.get(1), line.contains("cleanup.policy=compact"));
      }
    }

    for (String topic : JobCatalog.inputSideTopics(jobServices())) {
      assertThat(compactedByTopic).as(topic).containsEntry(topic, false);
    }
    for (ResultTopic result : JobCatalog.outputs(jobServices())) {
      assertThat(compactedByTopic).as(result.name()).containsKey(result.name());
    }
    // Results of jobs compose does not run may be created too, compacted as declared.
    for (ResultTopic result : JobCatalog.outputs(JobCatalog.all())) {
      if (compactedByTopic.containsKey(result.name())) {
        assertThat(compactedByTopic.get(result.name()))
            .as(result.name())
            .isEqualTo(result.compacted());
      }
    }
  }

  @Test
  void kafkaIsASingleKraftNodeWithAHostAndAnInternalListener() {
    JsonNode kafka = services.path("kafka");
    JsonNode env = kafka.path("environment");

    assertThat(kafka.path("image").asText()).isEqualTo("apache/kafka:3.9.1");
    assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
    assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText())
        .contains("INTERNAL://kafka:19092")
        .contains("HOST://127.0.0.1:9092");
    assertThat(textList(kafka.path("ports"))).contains("127.0.0.1:9092:9092");
    assertThat(
            services
                .at("/schema-registry/environment/SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")
                .asText())
        .endsWith("kafka:19092");
    assertThat(services.at("/schema-registry/image").asText())
        .startsWith("confluentinc/cp-schema-registry:");
  }

  @Test
  void longRunningServicesHaveHealthChecks() {
    List<String> longRunning = new ArrayList<>(List.of("kafka", "schema-registry", "postgres"));
    jobServices().forEach(job -> longRunning.add(job.name()));
    for (String service : longRunning) {
      assertThat(services.at("/" + service + "/healthcheck/test").isArray()).as(service).isTrue();
    }
  }

  @Test
  void servicesStartOnceWhatTheyNeedIsReady() {
    assertCondition("topics", "kafka", "service_healthy");
    assertCondition("schema-registry", "kafka", "service_healthy");
    assertCondition("producer", "topics", "service_completed_successfully");
    assertCondition("status-counts", "topics", "service_completed_successfully");
    assertCondition("status-counts", "postgres", "service_healthy");
    services
        .fields()
        .forEachRemaining(
            service ->
                service
                    .getValue()
                    .path("depends_on")
                    .fieldNames()
                    .forEachRemaining(
                        target -> assertThat(services.has(target)).as(target).isTrue()));
  }

  @Test
  void producerAndJobRunOnTheImagesOfDeployDocker() {
    for (String service : List.of("producer", "status-counts")) {
      JsonNode build = services.path(service).path("build");
      assertThat(build.path("context").asText()).isEqualTo("deploy/target/docker");
      assertThat(
              Files.isRegularFile(
                  Repository.path("deploy/docker/" + build.path("dockerfile").asText())))
          .as(service + " Dockerfile")
          .isTrue();
    }
    List<String> jobCommand = commandLine(services.path("status-counts"));
    assertThat(jobCommand)
        .containsExactly(
            "/opt/entrypoint.sh",
            "/opt/spark/bin/spark-submit",
            "--master",
            "local[2]",
            "--class",
            JOB_MAIN_CLASS,
            "--conf",
            "spark.metrics.conf=/opt/pipeline/metrics.properties",
            "--driver-java-options",
            "-javaagent:/opt/pipeline/jmx_prometheus_javaagent.jar=8090:/opt/pipeline/jmx-exporter.yaml",
            DockerfilesTest.JOB_JAR_IN_IMAGE,
            "status-counts");
    assertThat(textList(services.at("/producer/command"))).startsWith("access-logs", "--file");
    assertThat(services.at("/producer/environment/PIPELINE_BOOTSTRAP").asText())
        .isEqualTo("kafka:19092");
  }

  @Test
  void passwordsComeFromSecretFilesNotFromTheEnvironment() {
    services
        .fields()
        .forEachRemaining(
            service ->
                service
                    .getValue()
                    .path("environment")
                    .fieldNames()
                    .forEachRemaining(
                        name -> {
                          if (name.contains("PASSWORD")) {
                            assertThat(name).as(service.getKey()).endsWith("_FILE");
                          }
                        }));
    String file = compose.at("/secrets/jdbc_password/file").asText();
    assertThat(Files.isRegularFile(Repository.path(file))).as(file).isTrue();
  }

  @Test
  void kafkaKeepsItsLogOnANamedVolumeUnderAFixedClusterId() {
    JsonNode kafka = services.path("kafka");
    String logDir = kafka.at("/environment/KAFKA_LOG_DIRS").asText();
    String clusterId = kafka.at("/environment/CLUSTER_ID").asText();

    assertThat(logDir).isEqualTo("/var/lib/kafka/data");
    assertThat(namedVolumeMounts(kafka)).containsEntry(logDir, "kafka-data");
    // What kafka-storage.sh random-uuid prints: 16 bytes, URL-safe Base64 without padding.
    assertThat(clusterId).matches("[A-Za-z0-9_-]{22}");
    assertThat(Base64.getUrlDecoder().decode(clusterId)).hasSize(16);
  }

  @Test
  void registrySchemasLiveInAKafkaTopicOnKafkasVolume() {
    JsonNode registry = services.at("/schema-registry/environment");

    assertThat(registry.path("SCHEMA_REGISTRY_KAFKASTORE_TOPIC").asText()).isEqualTo("_schemas");
    assertThat(registry.path("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR").asText())
        .isEqualTo("1");
    assertThat(registry.path("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS").asText())
        .isEqualTo("PLAINTEXT://kafka:19092");
    assertThat(namedVolumeMounts(services.path("kafka")))
        .containsEntry(services.at("/kafka/environment/KAFKA_LOG_DIRS").asText(), "kafka-data");
  }

  @Test
  void everyStatefulServiceKeepsItsStateInANamedVolume() {
    assertThat(names(compose.path("volumes")))
        .containsExactlyInAnyOrder("checkpoints", "postgres-data", "kafka-data", "prometheus-data");
    assertThat(namedVolumeMounts(services.path("postgres")))
        .containsEntry("/var/lib/postgresql/data", "postgres-data");
    assertThat(namedVolumeMounts(services.path("prometheus")))
        .containsEntry("/prometheus", "prometheus-data");
    for (JobSpec job : jobServices()) {
      JsonNode service = services.path(job.name());
      assertThat(namedVolumeMounts(service))
          .as(job.name())
          .containsEntry("/opt/pipeline/checkpoints", "checkpoints");
      assertThat(service.at("/environment/PIPELINE_CHECKPOINT").asText())
          .isEqualTo("/opt/pipeline/checkpoints/" + job.name());
    }
  }

  @Test
  void monitoringProfileScrapesEveryJobAndProducerWithTheChartsDashboard() {
    for (String service : List.of("prometheus", "grafana")) {
      assertThat(textList(services.at("/" + service + "/profiles"))).containsExactly("monitoring");
    }
    JsonNode prometheus = Repository.yaml(Repository.path("deploy/compose/prometheus.yml"));
    List<String> targets = textList(prometheus.at("/scrape_configs/0/static_configs/0/targets"));
    List<String> scraped = new ArrayList<>();
    for (String service : names(services)) {
      List<String> command = commandLine(services.path(service));
      boolean job = command.contains(JOB_MAIN_CLASS);
      boolean producer =
          services.at("/" + service + "/image").asText().startsWith("kspipeline/producer");
      if (job) {
        // The image's agent, serving the rules of the chart, on the port Prometheus scrapes.
        assertThat(command)
            .as(service)
            .contains(
                "-javaagent:/opt/pipeline/jmx_prometheus_javaagent.jar=8090:/opt/pipeline/jmx-exporter.yaml",
                "spark.metrics.conf=/opt/pipeline/metrics.properties");
      }
      if (job || producer) {
        scraped.add(service + ":8090");
      }
    }
    assertThat(targets).containsExactlyInAnyOrderElementsOf(scraped);
    assertThat(textList(services.at("/grafana/volumes")))
        .contains(
            "./helm/kafka-spark-pipeline/files/grafana-dashboard.json:/var/lib/grafana/dashboards/kafka-spark-pipeline.json:ro");
  }

  @Test
  void everyServiceHasAMemoryLimitAndAllFitA16GbLaptop() {
    long total = 0;
    for (String service : names(services)) {
      String limit = services.at("/" + service + "/deploy/resources/limits/memory").asText();
      assertThat(limit).as(service + " memory limit").matches("\\d+[kmg]");
      total += bytes(limit);
    }
    // Room for the operating system, a browser and an IDE beside the pipeline.
    assertThat(total).isLessThanOrEqualTo(bytes("10g"));

    // Each JVM's heap fits under its container's limit, with room for what is not heap.
    assertHeapBelowLimit("kafka", "KAFKA_HEAP_OPTS");
    assertHeapBelowLimit("schema-registry", "SCHEMA_REGISTRY_HEAP_OPTS");
    for (JobSpec job : jobServices()) {
      JsonNode service = services.path(job.name());
      assertThat(bytes(service.at("/environment/SPARK_DRIVER_MEMORY").asText()))
          .as(job.name())
          .isLessThanOrEqualTo(
              bytes(service.at("/deploy/resources/limits/memory").asText()) * 3 / 4);
    }
  }

  @Test
  void eachJobServiceDerivesFromTheSharedDefinition() {
    MappingNode root = (MappingNode) Repository.yamlNodes(FILE);
    Node shared = value(root, "x-spark-job");
    Node environment = value(root, "x-job-environment");
    MappingNode servicesNode = (MappingNode) value(root, "services");

    assertThat(jobServices()).hasSizeGreaterThanOrEqualTo(4);
    for (JobSpec job : jobServices()) {
      MappingNode service = (MappingNode) value(servicesNode, job.name());
      assertThat(value(service, "<<")).as(job.name()).isSameAs(shared);
      assertThat(value((MappingNode) value(service, "environment"), "<<"))
          .as(job.name())
          .isSameAs(environment);
      // Only what differs from job to job: no copy of the shared lines.
      assertThat(keys(service))
          .as(job.name())
          .isSubsetOf("<<", "build", "ports", "depends_on", "environment", "command");
      assertThat(textList(services.path(job.name()).path("command"))).containsExactly(job.name());
    }
  }

  @Test
  void dockerComposeAcceptsTheFile() {
    ExternalTool docker = ExternalTool.require("docker");
    assumeTrue(
        docker.run(Repository.root(), "compose", "version").exitCode() == 0,
        "no docker compose plugin here");

    docker
        .run(Repository.root(), "compose", "-f", FILE.toString(), "config", "--quiet")
        .assertSucceeded();
  }

  /** The catalog jobs that services of the file run, named as the services are. */
  private List<JobSpec> jobServices() {
    List<JobSpec> jobs = new ArrayList<>();
    for (JobSpec job : JobCatalog.all()) {
      if (commandLine(services.path(job.name())).contains(JOB_MAIN_CLASS)) {
        jobs.add(job);
      }
    }
    return jobs;
  }

  /** What a service runs: its entrypoint (when it sets one), then its command. */
  private static List<String> commandLine(JsonNode service) {
    List<String> line = new ArrayList<>(textList(service.path("entrypoint")));
    line.addAll(textList(service.path("command")));
    return line;
  }

  /** The service's mounts of named volumes (not host paths): container path → volume. */
  private static Map<String, String> namedVolumeMounts(JsonNode service) {
    Map<String, String> mounts = new HashMap<>();
    for (String mount : textList(service.path("volumes"))) {
      String[] parts = mount.split(":");
      if (!parts[0].startsWith(".") && !parts[0].startsWith("/")) {
        mounts.put(parts[1], parts[0]);
      }
    }
    return mounts;
  }

  private void assertHeapBelowLimit(String service, String heapVariable) {
    Matcher heap =
        Pattern.compile("-Xmx(\\d+[kmg])")
            .matcher(services.at("/" + service + "/environment/" + heapVariable).asText());
    assertThat(heap.find()).as(service + " " + heapVariable).isTrue();
    assertThat(bytes(heap.group(1)))
        .as(service)
        .isLessThanOrEqualTo(
            bytes(services.at("/" + service + "/deploy/resources/limits/memory").asText()) * 3 / 4);
  }

  /** A size as Compose and the JVM write it: 512m, 1g. */
  private static long bytes(String size) {
    long number = Long.parseLong(size.substring(0, size.length() - 1));
    return switch (Character.toLowerCase(size.charAt(size.length() - 1))) {
      case 'k' -> number << 10;
      case 'm' -> number << 20;
      case 'g' -> number << 30;
      default -> throw new IllegalArgumentException(size);
    };
  }

  private static Node value(MappingNode mapping, String key) {
    for (NodeTuple tuple : mapping.getValue()) {
      if (((ScalarNode) tuple.getKeyNode()).getValue().equals(key)) {
        return tuple.getValueNode();
      }
    }
    throw new AssertionError("no " + key + " in " + mapping.getStartMark());
  }

  private static List<String> keys(MappingNode mapping) {
    return mapping.getValue().stream()
        .map(tuple -> ((ScalarNode) tuple.getKeyNode()).getValue())
        .toList();
  }

  private void assertCondition(String service, String dependency, String condition) {
    assertThat(services.at("/" + service + "/depends_on/" + dependency + "/condition").asText())
        .as(service + " → " + dependency)
        .isEqualTo(condition);
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> textList(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }
}
