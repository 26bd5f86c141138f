package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The checker of the restricted Pod Security Standard catches each rule it claims to check. */
class RestrictedPodSecurityTest {
  private static final String COMPLIANT =
      """
      securityContext:
        runAsNonRoot: true
        runAsUser: 185
        fsGroup: 185
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: main
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          ports: [{containerPort: 4040}]
      volumes:
        - {name: tmp, emptyDir: {}}
        - {name: config, configMap: {name: c}}
        - {name: data, persistentVolumeClaim: {claimName: d}}
      """;

  @Test
  void admitsACompliantPod() {
    assertThat(RestrictedPodSecurity.violations(pod(spec -> {}))).isEmpty();
  }

  @Test
  void containerContextMayCarryWhatThePodDoesNot() {
    List<String> violations =
        RestrictedPodSecurity.violations(
            pod(
                spec -> {
                  ObjectNode podContext = (ObjectNode) spec.path("securityContext");
                  podContext.remove("runAsNonRoot");
                  podContext.remove("seccompProfile");
                  container(spec)
                      .put("runAsNonRoot", true)
                      .putObject("seccompProfile")
                      .put("type", "Localhost");
                }));

    assertThat(violations).isEmpty();
  }

  @Test
  void namesEachBrokenRule() {
    assertThat(
            RestrictedPodSecurity.violations(pod(spec -> ((ObjectNode) spec).put("hostPID", true))))
        .containsExactly("p: hostPID must not be true");
    assertThat(
            RestrictedPodSecurity.violations(
                pod(
                    spec ->
                        ((ObjectNode) spec.path("volumes").get(0))
                            .putObject("hostPath")
                            .put("path", "/var/log"))))
        .containsExactly("p: volume tmp is of type hostPath");
    assertThat(
            RestrictedPodSecurity.violations(
                pod(spec -> container(spec).put("allowPrivilegeEscalation", true))))
        .containsExactly("p: container main must set allowPrivilegeEscalation to false");
    assertThat(
            RestrictedPodSecurity.violations(
                pod(spec -> container(spec).remove("allowPrivilegeEscalation"))))
        .containsExactly("p: container main must set allowPrivilegeEscalation to false");
    assertThat(
            RestrictedPodSecurity.violations(pod(spec -> container(spec).put("privileged", true))))
        .containsExactly("p: container main must not be privileged");
    assertThat(
            RestrictedPodSecurity.violations(
                pod(spec -> container(spec).put("runAsNonRoot", false))))
        .containsExactly(
            "p: container main must run as non-root (runAsNonRoot true on pod or container)");
    assertThat(
            RestrictedPodSecurity.violations(
                pod(spec -> ((ObjectNode) spec.path("securityContext")).remove("runAsNonRoot"))))
        .containsExactly(
            "p: container main must run as non-root (runAsNonRoot true on pod or container)");
    assertThat(RestrictedPodSecurity.violations(pod(spec -> container(spec).put("runAsUser", 0))))
        .containsExactly("p: container main must not run as user 0");
    assertThat(
            RestrictedPodSecurity.violations(
                pod(spec -> ((ObjectNode) spec.path("securityContext")).remove("seccompProfile"))))
        .containsExactly(
            "p: container main must have a RuntimeDefault or Localhost seccomp profile");
    assertThat(
            RestrictedPodSecurity.violations(
                pod(spec -> container(spec).putObject("seccompProfile").put("type", "Unconfined"))))
        .containsExactly(
            "p: container main must not be Unconfined by seccomp",
            "p: container main must have a RuntimeDefault or Localhost seccomp profile");
    assertThat(
            RestrictedPodSecurity.violations(pod(spec -> container(spec).remove("capabilities"))))
        .containsExactly("p: container main must drop ALL capabilities");
    assertThat(
            RestrictedPodSecurity.violations(
                pod(
                    spec ->
                        ((ObjectNode) container(spec).path("capabilities"))
                            .putArray("add")
                            .add("NET_BIND_SERVICE")
                            .add("SYS_ADMIN"))))
        .containsExactly("p: container main must not add capability SYS_ADMIN");
    assertThat(
            RestrictedPodSecurity.violations(
                pod(
                    spec ->
                        ((ObjectNode) spec.path("containers").get(0).path("ports").get(0))
                            .put("hostPort", 80))))
        .containsExactly("p: container main must not use host port 80");
    assertThat(
            RestrictedPodSecurity.violations(
                pod(spec -> container(spec).putObject("seLinuxOptions").put("type", "spc_t"))))
        .containsExactly("p: container main must not set custom SELinux options");
    assertThat(
            RestrictedPodSecurity.violations(
                pod(spec -> ((ObjectNode) spec.path("securityContext")).put("fsGroup", 0))))
        .containsExactly("p: pod fsGroup must not be 0");
  }

  @Test
  void checksInitContainersLikeContainers() {
    List<String> violations =
        RestrictedPodSecurity.violations(
            pod(
                spec ->
                    ((ObjectNode) spec)
                        .putArray("initContainers")
                        .addObject()
                        .put("name", "init")));

    assertThat(violations)
        .containsExactly(
            "p: container init must set allowPrivilegeEscalation to false",
            "p: container init must drop ALL capabilities");
  }

  @Test
  void buildsTheDriverAndExecutorPodsOfASparkApplication() {
    JsonNode app =
        Repository.yamlDocuments(
                """
                kind: SparkApplication
                metadata: {name: job}
                spec:
                  volumes:
                    - {name: logs, hostPath: {path: /var/log}}
                    - {name: tmp, emptyDir: {}}
                  driver:
                    podSecurityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
                    volumeMounts: [{name: tmp, mountPath: /tmp}]
                  executor:
                    podSecurityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
                    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
                    volumeMounts: [{name: logs, mountPath: /logs}]
                    sidecars: [{name: shipper}]
                """)
            .get(0);

    List<RestrictedPodSecurity.Pod> pods = RestrictedPodSecurity.pods(List.of(app));

    assertThat(pods)
        .extracting(RestrictedPodSecurity.Pod::name)
        .containsExactly("SparkApplication/job driver", "SparkApplication/job executor");
    assertThat(RestrictedPodSecurity.violations(pods.get(0))).isEmpty();
    assertThat(RestrictedPodSecurity.violations(pods.get(1)))
        .containsExactly(
            "SparkApplication/job executor: volume logs is of type hostPath",
            "SparkApplication/job executor: container shipper must set allowPrivilegeEscalation to false",
            "SparkApplication/job executor: container shipper must drop ALL capabilities");
  }

  private static RestrictedPodSecurity.Pod pod(Consumer<JsonNode> change) {
    JsonNode spec = Repository.yamlDocuments(COMPLIANT).get(0);
    change.accept(spec);
    return new RestrictedPodSecurity.Pod("p", Repository.JSON.createObjectNode(), spec);
  }

  private static ObjectNode container(JsonNode spec) {
    return (ObjectNode) spec.path("containers").get(0).path("securityContext");
  }
}
