package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kspipeline.jobs.catalog.JobCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart's CI scenarios (ci/*-values.yaml) and its defaults: each lints strictly and renders
 * (both validate the values against values.schema.json), and every pod it renders passes the
 * restricted Pod Security Standard, with resources on every container and a read-only root
 * filesystem whose writable paths are emptyDir volumes.
 */
class HelmScenariosIT {
  private static final Path CI = Repository.chart().resolve("ci");
  private static ExternalTool helm;

  @BeforeEach
  void findHelm() {
    helm = ExternalTool.require("helm");
  }

  /** The scenario files, and "" for the chart's defaults. */
  static Stream<String> scenarios() {
    try (Stream<Path> files = Files.list(CI)) {
      List<String> names =
          new ArrayList<>(files.map(f -> f.getFileName().toString()).sorted().toList());
      names.add(0, "");
      return names.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void ciHasTheMinimalProductionAndRestrictedScenarios() {
    assertThat(scenarios())
        .containsExactly(
            "", "minimal-values.yaml", "production-values.yaml", "restricted-values.yaml");
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("scenarios")
  void lintsStrictly(String scenario) {
    helm.run(Repository.root(), withValues(scenario, "lint", "--strict", chart()))
        .assertSucceeded();
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("scenarios")
  void everyPodPassesTheRestrictedPodSecurityStandard(String scenario) {
    List<RestrictedPodSecurity.Pod> pods = RestrictedPodSecurity.pods(render(scenario));

    assertThat(pods).isNotEmpty();
    List<String> violations = new ArrayList<>();
    pods.forEach(pod -> violations.addAll(RestrictedPodSecurity.violations(pod)));
    assertThat(violations).isEmpty();
  }

  @ParameterizedTest(name = "[{0}]")
  @MethodSource("scenarios")
  void everyContainerHasResourcesAndWritesOnlyToEmptyDirs(String scenario) {
    List<JsonNode> docs = render(scenario);
    int containers = 0;
    for (JsonNode doc : docs) {
      if (doc.path("kind").asText().equals("SparkApplication")) {
        for (String role : List.of("driver", "executor")) {
          JsonNode spec = doc.at("/spec/" + role);
          String where = doc.at("/metadata/name").asText() + " " + role;
          // The operator turns these into the pod's requests and limits.
          assertThat(spec.path("cores").asInt()).as(where).isPositive();
          assertThat(spec.path("coreLimit").asText()).as(where).isNotEmpty();
          assertThat(spec.path("memory").asText()).as(where).matches("\\d+[mg]");
          assertReadOnlyRootWithEmptyDirs(
              where,
              spec,
              doc.at("/spec/volumes"),
              List.of("/tmp", "/var/data/spark-local-dir-1", "/opt/spark/work-dir"));
          containers++;
        }
      }
    }
    for (RestrictedPodSecurity.Pod pod : RestrictedPodSecurity.pods(docs)) {
      if (pod.name().startsWith("SparkApplication/")) {
        continue;
      }
      for (JsonNode container : RestrictedPodSecurity.containers(pod.spec())) {
        String where = pod.name() + " " + container.path("name").asText();
        JsonNode resources = container.path("resources");
        assertThat(resources.at("/requests/cpu").asText()).as(where).isNotEmpty();
        assertThat(resources.at("/requests/memory").asText()).as(where).isNotEmpty();
        assertThat(resources.at("/limits/memory").asText()).as(where).isNotEmpty();
        assertReadOnlyRootWithEmptyDirs(
            where, container, pod.spec().path("volumes"), List.of("/tmp"));
        containers++;
      }
    }
    // Which kinds of pod a scenario has: restrictedScenarioRendersEveryKindOfPodTheChartHas.
    assertThat(containers).isPositive();
  }

  @Test
  void restrictedScenarioRendersEveryKindOfPodTheChartHas() {
    List<JsonNode> docs = render("restricted-values.yaml");
    Map<String, Integer> kinds = new HashMap<>();
    for (RestrictedPodSecurity.Pod pod : RestrictedPodSecurity.pods(docs)) {
      kinds.merge(pod.name().substring(0, pod.name().indexOf('/')), 1, Integer::sum);
    }

    assertThat(kinds)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "SparkApplication",
                2 * JobCatalog.names().size(),
                "Deployment",
                1,
                "Job",
                1,
                "Pod",
                1));
  }

  @Test
  void productionScenarioCheckpointsInS3UnderAnIamRoleOverSasl() {
    List<JsonNode> docs = render("production-values.yaml");
    JsonNode account =
        docs.stream()
            .filter(d -> d.path("kind").asText().equals("ServiceAccount"))
            .findFirst()
            .orElseThrow();
    JsonNode app =
        docs.stream()
            .filter(d -> d.path("kind").asText().equals("SparkApplication"))
            .findFirst()
            .orElseThrow();

    assertThat(account.at("/metadata/annotations/eks.amazonaws.com~1role-arn").asText())
        .startsWith("arn:aws:iam::");
    assertThat(app.at("/spec/arguments/2").asText()).startsWith("s3a://");
    assertThat(app.at("/spec/volumes").findValues("persistentVolumeClaim")).isEmpty();
    assertThat(app.at("/spec/volumes").findValuesAsText("secretName"))
        .containsExactly("pipeline-kafka-sasl");
    // No checkpoint claim: the only claim is the log follower's read position.
    assertThat(
            docs.stream()
                .filter(d -> d.path("kind").asText().equals("PersistentVolumeClaim"))
                .map(d -> d.at("/metadata/labels/app.kubernetes.io~1component").asText()))
        .containsExactly("producer-access-logs");
  }

  private static void assertReadOnlyRootWithEmptyDirs(
      String where, JsonNode container, JsonNode volumes, List<String> writablePaths) {
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean())
        .as(where + " read-only root filesystem")
        .isTrue();
    Map<String, String> volumeByPath = new HashMap<>();
    container
        .path("volumeMounts")
        .forEach(m -> volumeByPath.put(m.path("mountPath").asText(), m.path("name").asText()));
    for (String path : writablePaths) {
      String volume = volumeByPath.get(path);
      assertThat(volume).as(where + " mounts a volume at " + path).isNotNull();
      boolean emptyDir = false;
      for (JsonNode candidate : volumes) {
        if (candidate.path("name").asText().equals(volume)) {
          emptyDir = candidate.path("emptyDir").isObject();
        }
      }
      assertThat(emptyDir).as(where + " " + path + " is an emptyDir").isTrue();
    }
  }

  private static List<JsonNode> render(String scenario) {
    return Repository.yamlDocuments(
        helm.run(Repository.root(), withValues(scenario, "template", "ci", chart()))
            .assertSucceeded()
            .output());
  }

  private static List<String> withValues(String scenario, String... command) {
    List<String> arguments = new ArrayList<>(List.of(command));
    if (!scenario.isEmpty()) {
      arguments.addAll(List.of("-f", CI.resolve(scenario).toString()));
    }
    return arguments;
  }

  private static String chart() {
    return Repository.chart().toString();
  }
}
