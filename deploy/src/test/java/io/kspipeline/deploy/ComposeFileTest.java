package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.jobs.catalog.ResultTopic;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, parsed (no Docker engine here to run it): the services of the whole pipeline,
 * their health checks and start order, and the images built from deploy/docker/.
 */
class ComposeFileTest {
  private static final String JOB_MAIN_CLASS = "io.kspipeline.jobs.JobCommand";
  private final JsonNode compose = Repository.yaml(Repository.path("docker-compose.yml"));
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
              List<String> command = textList(service.getValue().path("command"));
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
  void theJobCheckpointsInANamedVolume() {
    JsonNode job = services.path("status-counts");
    String checkpoint = job.at("/environment/PIPELINE_CHECKPOINT").asText();

    assertThat(compose.path("volumes").has("checkpoints")).isTrue();
    String mount =
        textList(job.path("volumes")).stream()
            .filter(v -> v.startsWith("checkpoints:"))
            .findFirst()
            .orElseThrow();
    assertThat(checkpoint).startsWith(mount.substring("checkpoints:".length()) + "/");
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
    List<String> jobCommand = textList(services.at("/status-counts/command"));
    assertThat(jobCommand)
        .startsWith("/opt/spark/bin/spark-submit")
        .containsSubsequence("--class", JOB_MAIN_CLASS)
        .contains(DockerfilesTest.JOB_JAR_IN_IMAGE)
        .endsWith("status-counts");
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

  /** The catalog jobs that services of the file run, named as the services are. */
  private List<JobSpec> jobServices() {
    List<JobSpec> jobs = new ArrayList<>();
    for (JobSpec job : JobCatalog.all()) {
      if (textList(services.path(job.name()).path("command")).contains(JOB_MAIN_CLASS)) {
        jobs.add(job);
      }
    }
    return jobs;
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
