package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/yarn/submit.sh and deploy/k8s/submit.sh, run with a fake spark-submit that records its
 * arguments: the commands they build, as far as this can be checked without a cluster.
 */
class SubmitScriptsIT {
  private static final String YARN = "deploy/yarn/submit.sh";
  private static final String K8S = "deploy/k8s/submit.sh";

  @TempDir Path work;
  private Path recordedArguments;
  private Path jobJar;

  @BeforeEach
  void fakeSparkSubmit() throws IOException {
    Path bin = Files.createDirectories(work.resolve("bin"));
    recordedArguments = work.resolve("spark-submit.args");
    Path fake = bin.resolve("spark-submit");
    Files.writeString(
        fake,
        "#!/bin/sh\n: > \"$FAKE_ARGS\"\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> \"$FAKE_ARGS\"; done\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    jobJar = Files.writeString(work.resolve("stream-jobs-9.9-job.jar"), "not really a jar");
  }

  @Test
  void yarnSubmitsInClusterModeWithTheSettingsOfALongRunningJob() {
    List<String> args = submit(YARN, Map.of(), "status-counts", "--bootstrap", "kafka1:9092");

    assertThat(args)
        .containsSubsequence("--master", "yarn")
        .containsSubsequence("--deploy-mode", "cluster")
        .containsSubsequence("--class", "io.kspipeline.jobs.JobCommand")
        .containsSubsequence("--name", "kspipeline-status-counts")
        .containsSubsequence("--num-executors", "2")
        .containsSubsequence("--executor-cores", "2")
        .containsSubsequence("--executor-memory", "2g")
        .containsSubsequence("--driver-memory", "2g")
        .contains(
            "spark.yarn.maxAppAttempts=4",
            "spark.yarn.am.attemptFailuresValidityInterval=1h",
            "spark.yarn.executor.failuresValidityInterval=1h",
            "spark.yarn.submit.waitAppCompletion=false",
            "spark.dynamicAllocation.enabled=false")
        .doesNotContain("--principal", "--keytab", "--queue");
    assertThat(javaOptions(args, "spark.driver.extraJavaOptions="))
        .containsAll(Repository.sparkJava17Options())
        .contains("-Dlog4j2.configurationFile=log4j2-yarn.properties");
    assertThat(javaOptions(args, "spark.executor.extraJavaOptions="))
        .containsAll(Repository.sparkJava17Options())
        .contains("-Dlog4j2.configurationFile=log4j2-yarn.properties");
    assertThat(shippedFiles(args))
        .containsExactly(Repository.path("deploy/yarn/log4j2-yarn.properties").toString());
    assertThat(args.subList(args.indexOf(jobJar.toString()), args.size()))
        .containsExactly(
            jobJar.toString(),
            "status-counts",
            "--bootstrap",
            "kafka1:9092",
            "--checkpoint",
            "hdfs:///user/tester/kspipeline/checkpoints/status-counts");
  }

  @Test
  void yarnRollsTheLogsInTheContainerLogDirectory() {
    String log4j = Repository.read(Repository.path("deploy/yarn/log4j2-yarn.properties"));
    assertThat(log4j)
        .contains("appender.rolling.type = RollingFile")
        .contains("${sys:spark.yarn.app.container.log.dir}/spark.log")
        .contains("SizeBasedTriggeringPolicy");
  }

  @Test
  void yarnSizesAndLogsInAsTold() throws IOException {
    Path keytab = Files.writeString(work.resolve("pipeline.keytab"), "k");
    List<String> args =
        submit(
            YARN,
            Map.of(
                "SUBMIT_PRINCIPAL", "pipeline@EXAMPLE.COM",
                "SUBMIT_KEYTAB", keytab.toString(),
                "SUBMIT_QUEUE", "streaming",
                "SUBMIT_EXECUTORS", "6",
                "SUBMIT_EXECUTOR_CORES", "3",
                "SUBMIT_EXECUTOR_MEMORY", "6g",
                "SUBMIT_EXECUTOR_MEMORY_OVERHEAD", "1g",
                "SUBMIT_MAX_APP_ATTEMPTS", "10",
                "SUBMIT_ATTEMPT_VALIDITY_INTERVAL", "2h",
                "SUBMIT_CHECKPOINT_ROOT", "hdfs://nameservice1/checkpoints"),
            "status-counts");

    assertThat(args)
        .containsSubsequence("--principal", "pipeline@EXAMPLE.COM", "--keytab", keytab.toString())
        .containsSubsequence("--queue", "streaming")
        .containsSubsequence("--num-executors", "6")
        .containsSubsequence("--executor-cores", "3")
        .containsSubsequence("--executor-memory", "6g")
        .contains(
            "spark.executor.memoryOverhead=1g",
            "spark.yarn.maxAppAttempts=10",
            "spark.yarn.am.attemptFailuresValidityInterval=2h")
        .endsWith("--checkpoint", "hdfs://nameservice1/checkpoints/status-counts");
  }

  @Test
  void yarnShipsTheFilesTheJobReadsAndHandsOnItsVariables() throws IOException {
    Path kafkaConfig =
        Files.writeString(work.resolve("client.properties"), "security.protocol=SASL_SSL\n");
    Path jobConfig =
        Files.writeString(work.resolve("job.properties"), "checkpoint=hdfs:///ck/sc\n");
    Path password = Files.writeString(work.resolve("db.password"), "secret\n");
    List<String> args =
        submit(
            YARN,
            Map.of(
                "PIPELINE_CONFIG_FILE", jobConfig.toString(),
                "PIPELINE_JDBC_PASSWORD_FILE", password.toString(),
                "PIPELINE_JDBC_URL", "jdbc:postgresql://db/app"),
            "status-counts",
            "--kafka-config",
            kafkaConfig.toString());

    assertThat(shippedFiles(args))
        .contains(kafkaConfig.toString(), jobConfig.toString(), password.toString());
    assertThat(args)
        .contains(
            "spark.yarn.appMasterEnv.PIPELINE_CONFIG_FILE=job.properties",
            "spark.yarn.appMasterEnv.PIPELINE_JDBC_PASSWORD_FILE=db.password",
            "spark.yarn.appMasterEnv.PIPELINE_JDBC_URL=jdbc:postgresql://db/app")
        .endsWith("status-counts", "--kafka-config", "client.properties");
    assertThat(String.join("\n", args)).doesNotContain("secret");
  }

  @Test
  void yarnHandsTheJdbcDriverToSparkSubmitAsJarsOrPackages() {
    List<String> jars =
        submit(YARN, Map.of("SUBMIT_JARS", "/opt/drivers/postgresql.jar"), "status-counts");
    assertThat(jars).containsSubsequence("--jars", "/opt/drivers/postgresql.jar");
    assertThat(jars.indexOf("--jars")).isLessThan(jars.indexOf(jobJar.toString()));
    assertThat(jars).doesNotContain("--packages");

    List<String> packages =
        submit(
            YARN, Map.of("SUBMIT_PACKAGES", "org.postgresql:postgresql:42.7.8"), "status-counts");
    assertThat(packages).containsSubsequence("--packages", "org.postgresql:postgresql:42.7.8");
    assertThat(packages.indexOf("--packages")).isLessThan(packages.indexOf(jobJar.toString()));
    assertThat(packages).doesNotContain("--jars");
  }

  @Test
  void yarnKeepsACheckpointGivenAsAFlag() {
    List<String> args = submit(YARN, Map.of(), "status-counts", "--checkpoint=hdfs:///mine");

    assertThat(args).endsWith("status-counts", "--checkpoint=hdfs:///mine");
  }

  @Test
  void yarnRefusesAPasswordInTheEnvironmentAndHalfAKerberosLogin() {
    assertRefused(YARN, Map.of("PIPELINE_JDBC_PASSWORD", "secret"), "PIPELINE_JDBC_PASSWORD_FILE");
    assertRefused(YARN, Map.of("SUBMIT_PRINCIPAL", "p@R"), "SUBMIT_KEYTAB");
  }

  @Test
  void kubernetesSubmitsTheImageJarWithClaimSecretsAndPodTemplates() {
    List<String> args =
        submit(
            K8S,
            Map.of(
                "SUBMIT_MASTER", "k8s://https://api.example:6443",
                "SUBMIT_NAMESPACE", "streaming",
                "SUBMIT_CHECKPOINT_CLAIM", "pipeline-checkpoints",
                "SUBMIT_KAFKA_SECRET", "kafka-sasl",
                "SUBMIT_JDBC_SECRET", "db:pw",
                "SUBMIT_IMAGE_PULL_SECRETS", "registry-credentials",
                "PIPELINE_JDBC_URL", "jdbc:postgresql://db/app"),
            "status-counts",
            "--trigger",
            "30s");

    assertThat(args)
        .containsSubsequence("--master", "k8s://https://api.example:6443")
        .containsSubsequence("--deploy-mode", "cluster")
        .containsSubsequence("--class", "io.kspipeline.jobs.JobCommand")
        .contains(
            "spark.kubernetes.namespace=streaming",
            "spark.kubernetes.container.image=kspipeline/stream-jobs:0.1.0",
            "spark.kubernetes.driver.volumes.persistentVolumeClaim.checkpoints.options.claimName=pipeline-checkpoints",
            "spark.kubernetes.executor.volumes.persistentVolumeClaim.checkpoints.options.claimName=pipeline-checkpoints",
            "spark.kubernetes.driver.volumes.persistentVolumeClaim.checkpoints.mount.path=/checkpoints",
            "spark.kubernetes.executor.volumes.persistentVolumeClaim.checkpoints.mount.path=/checkpoints",
            "spark.kubernetes.driver.secrets.kafka-sasl=/etc/pipeline/kafka",
            "spark.kubernetes.executor.secrets.kafka-sasl=/etc/pipeline/kafka",
            "spark.kubernetes.driverEnv.PIPELINE_KAFKA_CONFIG=/etc/pipeline/kafka/client.properties",
            "spark.kubernetes.driver.secretKeyRef.PIPELINE_JDBC_PASSWORD=db:pw",
            "spark.kubernetes.container.image.pullSecrets=registry-credentials",
            "spark.kubernetes.driverEnv.PIPELINE_JDBC_URL=jdbc:postgresql://db/app",
            "spark.kubernetes.submission.waitAppCompletion=false")
        .endsWith(
            "local:///opt/pipeline/stream-jobs-job.jar",
            "status-counts",
            "--trigger",
            "30s",
            "--checkpoint",
            "/checkpoints/status-counts");
    assertThat(javaOptions(args, "spark.executor.extraJavaOptions="))
        .containsAll(Repository.sparkJava17Options());
    // Driver and executors serve their metrics where their pods tell Prometheus to scrape.
    String agent =
        "-javaagent:/opt/pipeline/jmx_prometheus_javaagent.jar=8090:/opt/pipeline/jmx-exporter.yaml";
    assertThat(setting(args, "spark.metrics.conf=")).isEqualTo("/opt/pipeline/metrics.properties");
    for (String role : List.of("driver", "executor")) {
      assertThat(javaOptions(args, "spark." + role + ".extraJavaOptions=")).contains(agent);
      String template = setting(args, "spark.kubernetes." + role + ".podTemplateFile=");
      JsonNode pod = Repository.yaml(Path.of(template));
      assertThat(pod.at("/metadata/annotations/prometheus.io~1scrape").asText()).isEqualTo("true");
      assertThat(pod.at("/metadata/annotations/prometheus.io~1port").asText()).isEqualTo("8090");
      assertThat(pod.path("kind").asText()).isEqualTo("Pod");
      assertThat(pod.at("/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
      assertThat(pod.at("/spec/securityContext/fsGroup").asInt()).isEqualTo(185);
    }
  }

  @Test
  void kubernetesAddsJarsAndPackagesToTheImagesDrivers() {
    Map<String, String> claim = Map.of("SUBMIT_CHECKPOINT_CLAIM", "pipeline-checkpoints");
    List<String> plain = submit(K8S, claim, "status-counts");
    assertThat(plain).doesNotContain("--jars", "--packages");
    assertThat(plain).noneMatch(a -> a.startsWith("spark.jars.ivy="));

    Map<String, String> environment = new HashMap<>(claim);
    environment.put("SUBMIT_JARS", "local:///opt/drivers/ojdbc11.jar");
    environment.put("SUBMIT_PACKAGES", "com.mysql:mysql-connector-j:9.1.0");
    List<String> args = submit(K8S, environment, "status-counts");
    assertThat(args)
        .containsSubsequence("--jars", "local:///opt/drivers/ojdbc11.jar")
        .containsSubsequence("--packages", "com.mysql:mysql-connector-j:9.1.0")
        // The driver pod resolves the packages; the image's spark user has no home directory.
        .contains("spark.jars.ivy=/tmp/.ivy2")
        .endsWith(
            "local:///opt/pipeline/stream-jobs-job.jar",
            "status-counts",
            "--checkpoint",
            "/checkpoints/status-counts");
  }

  @Test
  void kubernetesRefusesToCheckpointInsideThePod() {
    assertRefused(K8S, Map.of(), "SUBMIT_CHECKPOINT_CLAIM");
    assertRefused(
        K8S,
        Map.of("SUBMIT_CHECKPOINT_ROOT", "s3a://b/c", "PIPELINE_JDBC_PASSWORD", "x"),
        "SUBMIT_JDBC_SECRET");
  }

  @Test
  void bothScriptsWantAJobName() {
    for (String script : List.of(YARN, K8S)) {
      ExternalTool.Result result = run(script, Map.of());
      assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
      assertThat(result.output()).contains("job name");
      assertThat(run(script, Map.of(), "--help").assertSucceeded().output()).contains("Usage:");
    }
  }

  private List<String> submit(String script, Map<String, String> environment, String... jobArgs) {
    run(script, environment, jobArgs).assertSucceeded();
    return Arrays.asList(Repository.read(recordedArguments).split("\n"));
  }

  private void assertRefused(String script, Map<String, String> environment, String hint) {
    ExternalTool.Result result = run(script, environment, "status-counts");
    assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    assertThat(result.output()).contains(hint);
  }

  private ExternalTool.Result run(String script, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>(List.of(Repository.path(script).toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> env =
        ExternalTool.withoutVariables(builder, "PIPELINE_", "SUBMIT_", "SPARK_HOME");
    env.put("PATH", work.resolve("bin") + File.pathSeparator + env.get("PATH"));
    env.put("FAKE_ARGS", recordedArguments.toString());
    env.put("USER", "tester");
    env.put("SUBMIT_JOB_JAR", jobJar.toString());
    env.putAll(environment);
    return ExternalTool.Result.of(builder, script);
  }

  private static String setting(List<String> args, String prefix) {
    return args.stream()
        .filter(a -> a.startsWith(prefix))
        .map(a -> a.substring(prefix.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no --conf " + prefix + " in " + args));
  }

  private static List<String> javaOptions(List<String> args, String prefix) {
    return List.of(setting(args, prefix).split(" "));
  }

  private static List<String> shippedFiles(List<String> args) {
    return List.of(args.get(args.indexOf("--files") + 1).split(","));
  }
}
