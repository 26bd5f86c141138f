package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Helm chart: lints, renders with the defaults and with every job enabled, and what it renders
 * is what the spark-operator's v1beta2 CRD needs, with secrets only by reference.
 * values.schema.json is enforced by helm itself; these tests check that it rejects what it should.
 */
class HelmChartIT {
  private static final String RELEASE = "kafka-spark-pipeline";
  private static ExternalTool helm;

  /** Per test, so that each is reported as skipped (with the reason) when helm is missing. */
  @BeforeEach
  void findHelm() {
    helm = ExternalTool.require("helm");
  }

  @Test
  void lintsCleanly() {
    helm.run(Repository.root(), "lint", "--strict", Repository.chart().toString())
        .assertSucceeded();
  }

  @Test
  void rendersOneValidSparkApplicationPerJobByDefault() {
    List<JsonNode> apps = sparkApplications(render());

    assertThat(apps).hasSize(2);
    JsonNode app = apps.get(0);
    JobSpec job = JobCatalog.STATUS_COUNTS;
    assertValidSparkApplication(app, job.name());
    assertThat(app.at("/spec/restartPolicy/type").asText()).isEqualTo("Always");
    assertThat(textList(app.at("/spec/arguments")))
        .containsSubsequence("--checkpoint", "/checkpoints/" + job.name())
        .containsSubsequence("--input-topic", job.input())
        .containsSubsequence("--output-topic", job.output().name())
        .containsSubsequence("--dead-letter-topic", job.deadLetterTopic());
  }

  @Test
  void rendersEveryCatalogJobWhenAllAreEnabled() {
    List<String> jobs = JobCatalog.names();
    List<String> arguments = new ArrayList<>();
    for (String job : jobs) {
      arguments.addAll(List.of("--set", "jobs." + job + ".enabled=true"));
    }
    List<JsonNode> apps = sparkApplications(render(arguments.toArray(String[]::new)));

    assertThat(apps.stream().map(app -> app.at("/spec/arguments/0").asText()))
        .containsExactlyInAnyOrderElementsOf(jobs);
    for (JsonNode app : apps) {
      assertValidSparkApplication(app, app.at("/spec/arguments/0").asText());
    }
  }

  @Test
  void rendersNoJobThatIsDisabled() {
    assertThat(
            sparkApplications(
                render(
                    "--set",
                    "jobs.status-counts.enabled=false",
                    "--set",
                    "jobs.top-urls.enabled=false")))
        .isEmpty();
  }

  @Test
  void givesSharedSettingsAsPipelineVariablesFromOneConfigMap() {
    List<JsonNode> docs =
        render(
            "--set", "kafka.bootstrap=broker-1:9092\\,broker-2:9092",
            "--set", "jdbc.url=jdbc:postgresql://db:5432/app",
            "--set", "jdbc.user=app",
            "--set", "settings.max-offsets-per-trigger=5000");
    JsonNode settings = configMap(docs, "kafka-spark-pipeline-settings");
    assertThat(fields(settings.get("data")))
        .containsEntry("PIPELINE_BOOTSTRAP", "broker-1:9092,broker-2:9092")
        .containsEntry("PIPELINE_JDBC_URL", "jdbc:postgresql://db:5432/app")
        .containsEntry("PIPELINE_JDBC_USER", "app")
        .containsEntry("PIPELINE_MAX_OFFSETS_PER_TRIGGER", "5000")
        .containsEntry("PIPELINE_TRIGGER", "10s");
    JsonNode app = sparkApplications(docs).get(0);
    assertThat(app.at("/spec/driver/envFrom/0/configMapRef/name").asText())
        .isEqualTo(settings.at("/metadata/name").asText());
  }

  @Test
  void referencesSecretsAndNeverRendersThem() {
    List<JsonNode> docs =
        render(
            "--set", "kafka.existingSecret=kafka-sasl",
            "--set", "jdbc.existingSecret=db-credentials",
            "--set", "jdbc.existingSecretKey=db-password",
            "--set", "imagePullSecrets[0]=registry-credentials",
            "--set", "producers.access-logs.enabled=true",
            "--set-json",
                "producers.access-logs.input.volume={\"persistentVolumeClaim\":{\"claimName\":\"logs\"}}");

    assertThat(docs).noneMatch(doc -> doc.path("kind").asText().equals("Secret"));
    JsonNode app = sparkApplications(docs).get(0);
    JsonNode password = app.at("/spec/driver/env/0");
    assertThat(password.path("name").asText()).isEqualTo("PIPELINE_JDBC_PASSWORD");
    assertThat(password.has("value")).isFalse();
    assertThat(password.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("db-credentials");
    assertThat(password.at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("db-password");
    assertThat(app.at("/spec/volumes").findValuesAsText("secretName")).contains("kafka-sasl");
    assertThat(app.at("/spec/driver/volumeMounts").findValuesAsText("mountPath"))
        .contains("/etc/pipeline/kafka");
    assertThat(app.at("/spec/executor/volumeMounts").findValuesAsText("mountPath"))
        .contains("/etc/pipeline/kafka");
    assertThat(textList(app.at("/spec/imagePullSecrets"))).containsExactly("registry-credentials");
    assertThat(fields(configMap(docs, "kafka-spark-pipeline-settings").get("data")))
        .containsEntry("PIPELINE_KAFKA_CONFIG", "/etc/pipeline/kafka/client.properties")
        .doesNotContainKeys("PIPELINE_JDBC_PASSWORD");

    // Every variable that looks secret, in any rendered object, comes from a Secret.
    for (JsonNode doc : docs) {
      for (JsonNode env : doc.findValues("env")) {
        for (JsonNode variable : env) {
          if (variable.path("name").asText().matches(".*(PASSWORD|JAAS|SECRET|TOKEN).*")) {
            assertThat(variable.has("value")).as(variable.toString()).isFalse();
            assertThat(variable.at("/valueFrom/secretKeyRef").isObject()).isTrue();
          }
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "jdbc.password=hunter2",
        "settings.jdbc-password=hunter2",
        "restartPolicy.type=Sometimes",
        "driver.memory=lots",
        "executor.instances=0",
        "kafka.bootstrap=no-port",
        "sparkVersion=3.4.1",
        "checkpoint.uri=/local/dir",
        "jobs.Bad_Name.enabled=true",
        "unknownTopLevelKey=1",
        "sparkConf.spark\\.driver\\.extraJavaOptions=-Dx=1",
        "jobs.status-counts.sparkConf.spark\\.executor\\.extraJavaOptions=-Dx=1",
        "logging.format=xml",
        "commonLabels.team=two words",
        "driver.priorityClassName=Not_A_Name",
        "producer.resources.requests.cpu=lots",
        "containerSecurityContext.privileged=yes"
      })
  void schemaRejectsABadValue(String assignment) {
    ExternalTool.Result result =
        helm.run(
            Repository.root(),
            "template",
            RELEASE,
            Repository.chart().toString(),
            "--set",
            assignment);

    assertThat(result.exitCode()).as(result.output()).isNotZero();
    assertThat(result.output()).containsIgnoringCase("schema");
  }

  @Test
  void onFailureRestartsWithTheConfiguredRetriesAndIntervals() {
    JsonNode policy =
        sparkApplications(
                render(
                    "--set", "restartPolicy.type=OnFailure",
                    "--set", "restartPolicy.onFailureRetries=7",
                    "--set", "restartPolicy.onFailureRetryInterval=45"))
            .get(0)
            .at("/spec/restartPolicy");

    assertThat(policy.path("type").asText()).isEqualTo("OnFailure");
    assertThat(policy.path("onFailureRetries").asInt()).isEqualTo(7);
    assertThat(policy.path("onFailureRetryInterval").asInt()).isEqualTo(45);
    assertThat(policy.path("onSubmissionFailureRetries").asInt()).isEqualTo(5);
    assertThat(policy.path("onSubmissionFailureRetryInterval").asInt()).isEqualTo(20);
  }

  @Test
  void checkpointsOnASharedClaimMountedInDriverAndExecutors() {
    List<JsonNode> docs = render();
    JsonNode claim = only(docs, "PersistentVolumeClaim");
    assertThat(textList(claim.at("/spec/accessModes"))).containsExactly("ReadWriteMany");
    JsonNode app = sparkApplications(docs).get(0);
    assertThat(app.at("/spec/volumes").findValuesAsText("claimName"))
        .containsExactly(claim.at("/metadata/name").asText());
    for (String role : List.of("driver", "executor")) {
      assertThat(app.at("/spec/" + role + "/volumeMounts").findValuesAsText("mountPath"))
          .contains("/checkpoints");
      assertThat(app.at("/spec/" + role + "/podSecurityContext/fsGroup").asInt()).isEqualTo(185);
    }
  }

  @Test
  void checkpointsUnderAUriWithoutAClaim() {
    List<JsonNode> docs = render("--set", "checkpoint.uri=s3a://bucket/pipeline/");

    assertThat(docs).noneMatch(doc -> doc.path("kind").asText().equals("PersistentVolumeClaim"));
    JsonNode app = sparkApplications(docs).get(0);
    assertThat(textList(app.at("/spec/arguments")))
        .containsSubsequence("--checkpoint", "s3a://bucket/pipeline/status-counts");
    assertThat(app.at("/spec/volumes").findValues("persistentVolumeClaim")).isEmpty();
    assertThat(app.at("/spec/driver/volumeMounts").findValuesAsText("name"))
        .doesNotContain("checkpoints");
  }

  @Test
  void aJobOverridesTheSharedSizingAndSettings() {
    JsonNode app =
        sparkApplications(
                render(
                    "--set", "jobs.status-counts.executor.instances=4",
                    "--set", "jobs.status-counts.driver.memory=3g",
                    "--set", "jobs.status-counts.options.trigger=30s",
                    "--set", "jobs.status-counts.sparkConf.spark\\.sql\\.shuffle\\.partitions=8"))
            .get(0);

    assertThat(app.at("/spec/executor/instances").asInt()).isEqualTo(4);
    assertThat(app.at("/spec/executor/memory").asText()).isEqualTo("1g");
    assertThat(app.at("/spec/driver/memory").asText()).isEqualTo("3g");
    assertThat(textList(app.at("/spec/arguments"))).containsSubsequence("--trigger", "30s");
    assertThat(app.at("/spec/sparkConf/spark.sql.shuffle.partitions").asText()).isEqualTo("8");
  }

  @Test
  void aFollowingProducerIsADeploymentKeepingItsPositionOnAClaim() {
    ExternalTool.Result withoutInput =
        helm.run(
            Repository.root(),
            "template",
            RELEASE,
            Repository.chart().toString(),
            "--set",
            "producers.access-logs.enabled=true");
    assertThat(withoutInput.exitCode()).isNotZero();
    assertThat(withoutInput.output()).contains("producers.access-logs.input.volume");

    List<JsonNode> docs =
        render(
            "--set", "producers.access-logs.enabled=true",
            "--set-json",
                "producers.access-logs.input.volume={\"persistentVolumeClaim\":{\"claimName\":\"logs\"}}",
            "--set", "producers.access-logs.input.follow=nginx/access.log");
    JsonNode deployment = only(docs, "Deployment");
    JsonNode pod = deployment.at("/spec/template/spec");
    JsonNode container = pod.at("/containers/0");
    assertThat(container.path("image").asText()).isEqualTo("kspipeline/producer:0.1.0");
    assertThat(textList(container.path("args")))
        .containsExactly(
            "access-logs",
            "--follow",
            "/data/nginx/access.log",
            "--position-file",
            "/var/lib/pipeline/position/access-logs.position");
    assertThat(deployment.at("/spec/strategy/type").asText()).isEqualTo("Recreate");
    assertThat(
            namedElement(pod.path("volumes"), "input")
                .at("/persistentVolumeClaim/claimName")
                .asText())
        .isEqualTo("logs");
    JsonNode claim = only(producerClaims(docs), "PersistentVolumeClaim");
    // Kept on uninstall, like the checkpoints: a reinstall goes on from the saved position.
    assertThat(claim.at("/metadata/annotations/helm.sh~1resource-policy").asText())
        .isEqualTo("keep");
    assertThat(
            namedElement(pod.path("volumes"), "position")
                .at("/persistentVolumeClaim/claimName")
                .asText())
        .isEqualTo(claim.at("/metadata/name").asText());
    assertThat(mountPaths(container)).containsEntry("position", "/var/lib/pipeline/position");
    // Scraped like the Spark pods: the image's exporter agent.
    assertThat(namedElement(container.path("ports"), "jmx-exporter").path("containerPort").asInt())
        .isEqualTo(8090);
    assertThat(render()).noneMatch(doc -> doc.path("kind").asText().equals("Deployment"));
  }

  @Test
  void aReplayIsAJobNamedAfterWhatItPublishes() {
    String[] replay = {
      "--set", "producers.backfill.enabled=true",
      "--set", "producers.backfill.kind=access-logs",
      "--set", "producers.backfill.mode=replay",
      "--set-json", "producers.backfill.input.volume={\"emptyDir\":{}}",
      "--set", "producers.backfill.input.files={a.log,b.log.gz}"
    };
    JsonNode job = only(render(replay), "Job");
    JsonNode pod = job.at("/spec/template/spec");
    assertThat(pod.path("restartPolicy").asText()).isEqualTo("OnFailure");
    assertThat(textList(pod.at("/containers/0/args")))
        .containsExactly("access-logs", "--file", "/data/a.log", "--file", "/data/b.log.gz");
    // Same values, same Job (an upgrade publishes nothing again); other files, another Job.
    String name = job.at("/metadata/name").asText();
    assertThat(only(render(replay), "Job").at("/metadata/name").asText()).isEqualTo(name);
    List<String> otherFiles = new ArrayList<>(List.of(replay));
    otherFiles.addAll(List.of("--set", "producers.backfill.input.files={c.log}"));
    assertThat(only(render(otherFiles.toArray(String[]::new)), "Job").at("/metadata/name").asText())
        .startsWith("kafka-spark-pipeline-backfill-")
        .isNotEqualTo(name);
    assertThat(kinds(render(replay))).doesNotContain("Deployment");
    assertThat(producerClaims(render(replay))).isEmpty();
  }

  @Test
  void tweetsAndWebActionsProducersGenerateData() {
    List<JsonNode> docs =
        render(
            "--set", "producers.tweets.enabled=true",
            "--set", "producers.web-actions.enabled=true",
            "--set", "producers.web-actions.topic=actions");
    Map<String, List<String>> args = new TreeMap<>();
    for (JsonNode doc : docs) {
      if (doc.path("kind").asText().equals("Deployment")) {
        args.put(
            doc.at("/metadata/name").asText(),
            textList(doc.at("/spec/template/spec/containers/0/args")));
      }
    }
    assertThat(args)
        .containsExactly(
            Map.entry(
                "kafka-spark-pipeline-tweets", List.of("tweets", "--generate", "--rate", "20")),
            Map.entry(
                "kafka-spark-pipeline-web-actions",
                List.of("web-actions", "--topic", "actions", "--generate", "--rate", "20")));
    assertThat(producerClaims(docs)).isEmpty();
  }

  /** The claims of producers (the checkpoint claim is the chart's default). */
  private static List<JsonNode> producerClaims(List<JsonNode> docs) {
    return docs.stream()
        .filter(doc -> doc.path("kind").asText().equals("PersistentVolumeClaim"))
        .filter(
            doc ->
                doc.at("/metadata/labels/app.kubernetes.io~1component")
                    .asText()
                    .startsWith("producer-"))
        .toList();
  }

  @Test
  void helmTestDescribesEveryTopicOfTheEnabledJobs() {
    JsonNode pod =
        render().stream()
            .filter(doc -> doc.at("/metadata/annotations/helm.sh~1hook").asText().equals("test"))
            .findFirst()
            .orElseThrow();

    assertThat(pod.path("kind").asText()).isEqualTo("Pod");
    assertThat(pod.at("/spec/containers/0/image").asText()).startsWith("apache/kafka:");
    String script = pod.at("/spec/containers/0/command").toString();
    assertThat(script)
        .contains("kafka-topics.sh")
        .contains("--describe")
        .contains("access-logs access-logs-dlq status-counts top-urls");
  }

  @Test
  void plainSparkSubmitScriptMatchesTheChartsNames() {
    List<JsonNode> docs = render();
    String script = Repository.read(Repository.path("deploy/k8s/submit.sh"));
    JsonNode app = sparkApplications(docs).get(0);

    assertThat(script)
        .contains("kafka-spark-pipeline-spark")
        .contains(app.at("/spec/mainApplicationFile").asText());
    assertThat(app.at("/spec/driver/serviceAccount").asText())
        .isEqualTo("kafka-spark-pipeline-spark");
    assertThat(Repository.read(Repository.path("deploy/k8s/driver-pod-template.yaml")))
        .contains(configMap(docs, "kafka-spark-pipeline-settings").at("/metadata/name").asText());
  }

  @Test
  void valuesAreAllDeclaredInTheSchemaAndDocumentedInTheReadme() {
    JsonNode values = Repository.yaml(Repository.chart().resolve("values.yaml"));
    JsonNode schema = Repository.yaml(Repository.chart().resolve("values.schema.json"));
    String readme = Repository.read(Repository.chart().resolve("README.md"));

    for (Iterator<String> it = values.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      assertThat(schema.at("/properties/" + key).isObject()).as("schema of " + key).isTrue();
      assertThat(readme).as("README row of " + key).contains("`" + key);
    }
  }

  @Test
  void nameOverridesRenameEveryObject() {
    List<JsonNode> renamed = render("--set", "nameOverride=streams");
    assertThat(names(renamed))
        .contains(
            "kafka-spark-pipeline-streams-status-counts",
            "kafka-spark-pipeline-streams-settings",
            "kafka-spark-pipeline-streams-spark");
    assertThat(renamed)
        .allMatch(
            doc -> doc.at("/metadata/labels/app.kubernetes.io~1name").asText().equals("streams"));

    List<JsonNode> overridden =
        render(
            "--set",
            "fullnameOverride=etl",
            "--set",
            "producers.access-logs.enabled=true",
            "--set-json",
            "producers.access-logs.input.volume={\"emptyDir\":{}}");
    assertThat(names(overridden))
        .containsExactlyInAnyOrder(
            "etl-spark",
            "etl-spark",
            "etl-spark",
            "etl-logging",
            "etl-settings",
            "etl-checkpoints",
            "etl-access-logs",
            "etl-access-logs-position",
            "etl-status-counts",
            "etl-top-urls",
            "etl-topics-test");
    assertThat(sparkApplications(overridden).get(0).at("/spec/driver/serviceAccount").asText())
        .isEqualTo("etl-spark");
  }

  @Test
  void commonLabelsReachEveryObjectAndPodButNeverReplaceTheChartsOwn() {
    List<JsonNode> docs =
        render(
            "--set", "commonLabels.team=data",
            "--set", "commonLabels.app\\.kubernetes\\.io/name=other",
            "--set", "driver.labels.tier=stream",
            "--set", "producers.access-logs.enabled=true",
            "--set-json", "producers.access-logs.input.volume={\"emptyDir\":{}}");

    List<JsonNode> labelSets = new ArrayList<>();
    for (JsonNode doc : docs) {
      labelSets.add(doc.at("/metadata/labels"));
    }
    JsonNode app = sparkApplications(docs).get(0);
    labelSets.add(app.at("/spec/driver/labels"));
    labelSets.add(app.at("/spec/executor/labels"));
    labelSets.add(only(docs, "Deployment").at("/spec/template/metadata/labels"));
    assertThat(labelSets).hasSize(docs.size() + 3);
    for (JsonNode labels : labelSets) {
      assertThat(fields(labels))
          .containsEntry("team", "data")
          .containsEntry("app.kubernetes.io/name", "kafka-spark-pipeline");
    }
    assertThat(fields(app.at("/spec/driver/labels")))
        .containsEntry("tier", "stream")
        .containsEntry("app.kubernetes.io/component", "status-counts");
    assertThat(fields(app.at("/spec/executor/labels"))).doesNotContainKey("tier");
    assertThat(fields(only(docs, "Deployment").at("/spec/selector/matchLabels")))
        .doesNotContainKey("team");
  }

  @Test
  void schedulingKnobsReachEachRoleAndAJobOverridesThem() {
    List<JsonNode> docs =
        render(
            "--set", "driver.nodeSelector.pool=streaming",
            "--set", "driver.priorityClassName=streaming-critical",
            "--set-json",
                "executor.tolerations=[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"spark\",\"effect\":\"NoSchedule\"}]",
            "--set-json",
                "executor.affinity={\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":{}}}",
            "--set", "jobs.top-urls.driver.priorityClassName=batch",
            "--set", "producers.access-logs.enabled=true",
            "--set-json", "producers.access-logs.input.volume={\"emptyDir\":{}}",
            "--set", "producer.nodeSelector.pool=ingest",
            "--set", "producer.priorityClassName=ingest");
    JsonNode statusCounts = application(docs, "status-counts");
    JsonNode topUrls = application(docs, "top-urls");

    assertThat(fields(statusCounts.at("/spec/driver/nodeSelector")))
        .containsExactly(Map.entry("pool", "streaming"));
    assertThat(statusCounts.at("/spec/driver/priorityClassName").asText())
        .isEqualTo("streaming-critical");
    assertThat(topUrls.at("/spec/driver/priorityClassName").asText()).isEqualTo("batch");
    assertThat(fields(topUrls.at("/spec/driver/nodeSelector")))
        .containsExactly(Map.entry("pool", "streaming"));
    assertThat(statusCounts.at("/spec/driver/tolerations").isMissingNode()).isTrue();
    assertThat(statusCounts.at("/spec/executor/tolerations/0/value").asText()).isEqualTo("spark");
    assertThat(statusCounts.at("/spec/executor/tolerations/0/effect").asText())
        .isEqualTo("NoSchedule");
    assertThat(statusCounts.at("/spec/executor/affinity/nodeAffinity").isObject()).isTrue();
    assertThat(statusCounts.at("/spec/executor/priorityClassName").isMissingNode()).isTrue();
    JsonNode producer = only(docs, "Deployment").at("/spec/template/spec");
    assertThat(fields(producer.path("nodeSelector"))).containsExactly(Map.entry("pool", "ingest"));
    assertThat(producer.path("priorityClassName").asText()).isEqualTo("ingest");
  }

  @Test
  void serviceAccountCarriesTheCloudIdentityOfDriverAndExecutors() {
    List<JsonNode> docs =
        render(
            "--set", "checkpoint.uri=s3a://bucket/pipeline",
            "--set",
                "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn=arn:aws:iam::1:role/p");

    JsonNode account = only(docs, "ServiceAccount");
    assertThat(fields(account.at("/metadata/annotations")))
        .containsExactly(Map.entry("eks.amazonaws.com/role-arn", "arn:aws:iam::1:role/p"));
    JsonNode app = sparkApplications(docs).get(0);
    assertThat(app.at("/spec/driver/serviceAccount").asText())
        .isEqualTo(account.at("/metadata/name").asText());
    assertThat(app.at("/spec/executor/serviceAccount").asText())
        .isEqualTo(account.at("/metadata/name").asText());
    assertThat(render())
        .noneMatch(doc -> doc.at("/metadata/annotations").has("eks.amazonaws.com/role-arn"));
  }

  @Test
  void podMonitorOnlyWhereThePrometheusOperatorIsInstalled() {
    String[] enabled = {"--set", "monitoring.podMonitor.enabled=true"};
    assertThat(kinds(render(enabled))).doesNotContain("PodMonitor");

    List<String> withCrd = new ArrayList<>(List.of(enabled));
    withCrd.addAll(
        List.of(
            "--api-versions",
            "monitoring.coreos.com/v1/PodMonitor",
            "--set",
            "monitoring.podMonitor.labels.release=prometheus"));
    JsonNode monitor = only(render(withCrd.toArray(String[]::new)), "PodMonitor");
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    assertThat(monitor.at("/spec/selector/matchLabels/app.kubernetes.io~1instance").asText())
        .isEqualTo(RELEASE);
    JsonNode endpoint = monitor.at("/spec/podMetricsEndpoints/0");
    // The operator's name of the exporter's container port.
    assertThat(endpoint.path("port").asText()).isEqualTo("jmx-exporter");
    assertThat(endpoint.path("path").asText()).isEqualTo("/metrics");
    assertThat(kinds(render("--api-versions", "monitoring.coreos.com/v1/PodMonitor")))
        .doesNotContain("PodMonitor");
  }

  @Test
  void grafanaDashboardConfigMapCarriesTheSidecarLabel() {
    assertThat(names(render())).doesNotContain("kafka-spark-pipeline-dashboard");
    JsonNode dashboard =
        configMap(
            render("--set", "monitoring.grafanaDashboard.enabled=true"),
            "kafka-spark-pipeline-dashboard");
    assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(dashboard.at("/data/kafka-spark-pipeline.json").asText())
        .isEqualTo(Repository.read(Repository.chart().resolve("files/grafana-dashboard.json")));
  }

  @Test
  void loggingConfigMapIsLoadedByDriverAndExecutors() {
    List<JsonNode> docs = render();
    JsonNode logging = configMap(docs, "kafka-spark-pipeline-logging");
    String properties = logging.at("/data/log4j2.properties").asText();
    assertThat(properties)
        .contains("appender.console.layout.type = JsonLayout")
        .contains("appender.console.target = SYSTEM_ERR")
        .contains("rootLogger.level = info")
        .contains("logger.org_apache_kafka.name = org.apache.kafka")
        .contains("logger.org_apache_kafka.level = warn");

    JsonNode app = sparkApplications(docs).get(0);
    JsonNode volume = namedElement(app.at("/spec/volumes"), "logging");
    assertThat(volume.at("/configMap/name").asText()).isEqualTo("kafka-spark-pipeline-logging");
    for (String role : List.of("driver", "executor")) {
      JsonNode mount = namedElement(app.at("/spec/" + role + "/volumeMounts"), "logging");
      assertThat(mount.path("mountPath").asText()).isEqualTo("/etc/pipeline/logging");
      assertThat(mount.path("readOnly").asBoolean()).isTrue();
      assertThat(app.at("/spec/" + role + "/javaOptions").asText())
          .endsWith(" -Dlog4j2.configurationFile=/etc/pipeline/logging/log4j2.properties");
    }

    assertThat(
            configMap(render("--set", "logging.format=text"), "kafka-spark-pipeline-logging")
                .at("/data/log4j2.properties")
                .asText())
        .contains("appender.console.layout.type = PatternLayout")
        .doesNotContain("JsonLayout");
    List<JsonNode> withoutLogging = render("--set", "logging.enabled=false");
    assertThat(names(withoutLogging)).doesNotContain("kafka-spark-pipeline-logging");
    JsonNode plain = sparkApplications(withoutLogging).get(0);
    assertThat(plain.at("/spec/volumes").findValuesAsText("name")).doesNotContain("logging");
    assertThat(plain.at("/spec/driver/javaOptions").asText()).doesNotContain("log4j2");
  }

  @Test
  void sparkPodsWriteOnlyToTheirEmptyDirScratchVolumes() {
    JsonNode app = sparkApplications(render("--set", "scratch.localDirSizeLimit=20Gi")).get(0);

    assertThat(
            namedElement(app.at("/spec/volumes"), "spark-local-dir-1")
                .at("/emptyDir/sizeLimit")
                .asText())
        .isEqualTo("20Gi");
    assertThat(namedElement(app.at("/spec/volumes"), "tmp").at("/emptyDir/sizeLimit").asText())
        .isEqualTo("2Gi");
    for (String role : List.of("driver", "executor")) {
      JsonNode spec = app.at("/spec/" + role);
      assertThat(spec.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
      assertThat(mountPaths(spec))
          .containsEntry("spark-local-dir-1", "/var/data/spark-local-dir-1")
          .containsEntry("tmp", "/tmp")
          .containsEntry("work-dir", "/opt/spark/work-dir");
    }
  }

  /** The fields the operator needs (v1beta2) with the values this project requires. */
  private static void assertValidSparkApplication(JsonNode app, String job) {
    assertThat(app.path("apiVersion").asText()).isEqualTo("sparkoperator.k8s.io/v1beta2");
    assertThat(app.path("kind").asText()).isEqualTo("SparkApplication");
    assertThat(app.at("/metadata/name").asText()).endsWith("-" + job).hasSizeLessThanOrEqualTo(63);
    JsonNode spec = app.path("spec");
    assertThat(spec.path("type").asText()).isEqualTo("Java");
    assertThat(spec.path("sparkVersion").asText()).isEqualTo("3.5.1");
    assertThat(spec.path("mode").asText()).isEqualTo("cluster");
    assertThat(spec.path("image").asText()).isEqualTo("kspipeline/stream-jobs:0.1.0");
    assertThat(spec.path("mainClass").asText()).isEqualTo("io.kspipeline.jobs.JobCommand");
    assertThat(spec.path("mainApplicationFile").asText())
        .isEqualTo("local:///opt/pipeline/stream-jobs-job.jar");
    assertThat(textList(spec.path("arguments"))).startsWith(job, "--checkpoint");
    assertThat(spec.at("/restartPolicy/type").asText()).isIn("Always", "OnFailure", "Never");
    for (String role : List.of("driver", "executor")) {
      assertThat(spec.at("/" + role + "/cores").isInt()).as(role + " cores").isTrue();
      assertThat(spec.at("/" + role + "/memory").asText()).as(role + " memory").matches("\\d+[mg]");
      assertThat(List.of(spec.at("/" + role + "/javaOptions").asText().split(" ")))
          .as(role + " Java 17 options")
          .containsAll(Repository.sparkJava17Options());
    }
    assertThat(spec.at("/executor/instances").asInt()).isPositive();
    assertThat(spec.at("/driver/serviceAccount").asText()).isNotEmpty();
    assertThat(spec.at("/monitoring/prometheus/jmxExporterJar").asText())
        .isEqualTo("/opt/pipeline/jmx_prometheus_javaagent.jar");
    assertThat(spec.at("/monitoring/exposeDriverMetrics").asBoolean()).isTrue();
    // The rules and the metrics settings JmxExporterIT runs a job with, and the image holds.
    assertThat(spec.at("/monitoring/prometheus/configuration").asText())
        .isEqualTo(Repository.read(Repository.chart().resolve("files/jmx-exporter.yaml")));
    assertThat(spec.at("/monitoring/metricsProperties").asText())
        .isEqualTo(Repository.read(Repository.chart().resolve("files/metrics.properties")));
    spec.path("sparkConf")
        .fields()
        .forEachRemaining(e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());
  }

  private static List<JsonNode> render(String... arguments) {
    List<String> command =
        new ArrayList<>(List.of("template", RELEASE, Repository.chart().toString()));
    command.addAll(List.of(arguments));
    return Repository.yamlDocuments(
        helm.run(Repository.root(), command).assertSucceeded().output());
  }

  private static JsonNode application(List<JsonNode> docs, String job) {
    return sparkApplications(docs).stream()
        .filter(app -> app.at("/spec/arguments/0").asText().equals(job))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode configMap(List<JsonNode> docs, String name) {
    return docs.stream()
        .filter(doc -> doc.path("kind").asText().equals("ConfigMap"))
        .filter(doc -> doc.at("/metadata/name").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static List<String> kinds(List<JsonNode> docs) {
    return docs.stream().map(doc -> doc.path("kind").asText()).toList();
  }

  private static List<String> names(List<JsonNode> docs) {
    return docs.stream().map(doc -> doc.at("/metadata/name").asText()).toList();
  }

  private static JsonNode namedElement(JsonNode array, String name) {
    return StreamSupport.stream(array.spliterator(), false)
        .filter(element -> element.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + array));
  }

  private static Map<String, String> mountPaths(JsonNode role) {
    Map<String, String> paths = new TreeMap<>();
    role.path("volumeMounts")
        .forEach(m -> paths.put(m.path("name").asText(), m.path("mountPath").asText()));
    return paths;
  }

  private static List<JsonNode> sparkApplications(List<JsonNode> docs) {
    return docs.stream()
        .filter(doc -> doc.path("kind").asText().equals("SparkApplication"))
        .collect(Collectors.toList());
  }

  private static JsonNode only(List<JsonNode> docs, String kind) {
    List<JsonNode> matching =
        docs.stream().filter(doc -> doc.path("kind").asText().equals(kind)).toList();
    assertThat(matching).as(kind).hasSize(1);
    return matching.get(0);
  }

  private static List<String> textList(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static Map<String, String> fields(JsonNode object) {
    Map<String, String> map = new TreeMap<>();
    object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }
}
