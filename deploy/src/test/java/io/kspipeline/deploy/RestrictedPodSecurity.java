package io.kspipeline.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes "restricted" Pod Security Standard (which includes the baseline one), checked on a
 * pod as the API server's PodSecurity admission would: {@link #violations} names every rule a pod
 * breaks. Also turns what the chart renders (Deployments, Jobs, SparkApplication roles) into the
 * pods the cluster will be asked to admit.
 */
final class RestrictedPodSecurity {
  /** Volume sources the restricted profile admits. */
  static final Set<String> ALLOWED_VOLUME_SOURCES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  private static final Set<String> SAFE_SYSCTLS =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");
  private static final Set<String> SELINUX_TYPES =
      Set.of("", "container_t", "container_init_t", "container_kvm_t", "container_engine_t");
  private static final Set<String> SECCOMP_TYPES = Set.of("RuntimeDefault", "Localhost");
  private static final String APPARMOR_ANNOTATION =
      "container.apparmor.security.beta.kubernetes.io/";

  private RestrictedPodSecurity() {}

  /** A pod to admit: its name for messages, its metadata annotations and its spec. */
  record Pod(String name, JsonNode annotations, JsonNode spec) {}

  /** The rules this pod breaks, one message each; empty when the restricted profile admits it. */
  static List<String> violations(Pod pod) {
    List<String> found = new ArrayList<>();
    JsonNode spec = pod.spec();
    JsonNode podContext = spec.path("securityContext");
    String at = pod.name() + ": ";

    for (String hostNamespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
      if (spec.path(hostNamespace).asBoolean(false)) {
        found.add(at + hostNamespace + " must not be true");
      }
    }
    for (JsonNode volume : spec.path("volumes")) {
      for (Iterator<String> it = volume.fieldNames(); it.hasNext(); ) {
        String source = it.next();
        if (!source.equals("name") && !ALLOWED_VOLUME_SOURCES.contains(source)) {
          found.add(at + "volume " + volume.path("name").asText() + " is of type " + source);
        }
      }
    }
    for (JsonNode sysctl : podContext.path("sysctls")) {
      if (!SAFE_SYSCTLS.contains(sysctl.path("name").asText())) {
        found.add(at + "sysctl " + sysctl.path("name").asText() + " is not a safe one");
      }
    }
    checkCommonContext(found, at + "pod", podContext);
    for (JsonNode group : podContext.path("supplementalGroups")) {
      if (group.asLong() == 0) {
        found.add(at + "pod supplementalGroups must not hold group 0");
      }
    }
    if (podContext.has("fsGroup") && podContext.path("fsGroup").asLong() == 0) {
      found.add(at + "pod fsGroup must not be 0");
    }
    for (Map.Entry<String, JsonNode> annotation : entries(pod.annotations())) {
      if (annotation.getKey().startsWith(APPARMOR_ANNOTATION)) {
        String profile = annotation.getValue().asText();
        if (!profile.equals("runtime/default") && !profile.startsWith("localhost/")) {
          found.add(at + "AppArmor profile " + profile + " is not allowed");
        }
      }
    }

    boolean podNonRoot = podContext.path("runAsNonRoot").asBoolean(false);
    String podSeccomp = podContext.at("/seccompProfile/type").asText("");
    for (JsonNode container : containers(spec)) {
      String where = at + "container " + container.path("name").asText();
      JsonNode context = container.path("securityContext");
      checkCommonContext(found, where, context);
      if (context.path("privileged").asBoolean(false)) {
        found.add(where + " must not be privileged");
      }
      if (!context.path("allowPrivilegeEscalation").isBoolean()
          || context.path("allowPrivilegeEscalation").asBoolean()) {
        found.add(where + " must set allowPrivilegeEscalation to false");
      }
      JsonNode nonRoot = context.path("runAsNonRoot");
      if (nonRoot.isBoolean() ? !nonRoot.asBoolean() : !podNonRoot) {
        found.add(where + " must run as non-root (runAsNonRoot true on pod or container)");
      }
      String seccomp = context.at("/seccompProfile/type").asText(podSeccomp);
      if (!SECCOMP_TYPES.contains(seccomp)) {
        found.add(where + " must have a RuntimeDefault or Localhost seccomp profile");
      }
      Set<String> dropped = new HashSet<>();
      context.at("/capabilities/drop").forEach(c -> dropped.add(c.asText()));
      if (!dropped.contains("ALL")) {
        found.add(where + " must drop ALL capabilities");
      }
      for (JsonNode added : context.at("/capabilities/add")) {
        if (!added.asText().equals("NET_BIND_SERVICE")) {
          found.add(where + " must not add capability " + added.asText());
        }
      }
      if (!context.path("procMount").asText("Default").equals("Default")) {
        found.add(where + " must use the Default procMount");
      }
      for (JsonNode port : container.path("ports")) {
        if (port.path("hostPort").asInt(0) != 0) {
          found.add(where + " must not use host port " + port.path("hostPort").asInt());
        }
      }
    }
    return found;
  }

  /** Rules that apply alike to the pod's and each container's security context. */
  private static void checkCommonContext(List<String> found, String where, JsonNode context) {
    if (context.at("/windowsOptions/hostProcess").asBoolean(false)) {
      found.add(where + " must not be a Windows host process");
    }
    if (context.has("runAsUser") && context.path("runAsUser").asLong() == 0) {
      found.add(where + " must not run as user 0");
    }
    if (context.has("runAsGroup") && context.path("runAsGroup").asLong() == 0) {
      found.add(where + " must not run as group 0");
    }
    if (context.at("/seccompProfile/type").asText("").equals("Unconfined")) {
      found.add(where + " must not be Unconfined by seccomp");
    }
    JsonNode seLinux = context.path("seLinuxOptions");
    if (!SELINUX_TYPES.contains(seLinux.path("type").asText(""))
        || seLinux.has("user")
        || seLinux.has("role")) {
      found.add(where + " must not set custom SELinux options");
    }
    String appArmor = context.at("/appArmorProfile/type").asText("RuntimeDefault");
    if (!appArmor.equals("RuntimeDefault") && !appArmor.equals("Localhost")) {
      found.add(where + " must not set AppArmor profile " + appArmor);
    }
  }

  /** Containers, init containers and ephemeral containers: the profile covers all three. */
  static List<JsonNode> containers(JsonNode spec) {
    List<JsonNode> all = new ArrayList<>();
    for (String kind : List.of("containers", "initContainers", "ephemeralContainers")) {
      spec.path(kind).forEach(all::add);
    }
    return all;
  }

  /**
   * The pods a rendered chart asks the cluster to run: Pods, the pod templates of workloads, and
   * for each SparkApplication its driver and executor pod as the operator builds them (the role's
   * pod and container security contexts, sidecars and init containers, the volumes it mounts).
   */
  static List<Pod> pods(List<JsonNode> documents) {
    List<Pod> pods = new ArrayList<>();
    for (JsonNode doc : documents) {
      String kind = doc.path("kind").asText();
      String name = kind + "/" + doc.at("/metadata/name").asText();
      switch (kind) {
        case "Pod" -> pods.add(new Pod(name, doc.at("/metadata/annotations"), doc.path("spec")));
        case "Deployment", "StatefulSet", "DaemonSet", "Job", "ReplicaSet" ->
            pods.add(template(name, doc.at("/spec/template")));
        case "CronJob" -> pods.add(template(name, doc.at("/spec/jobTemplate/spec/template")));
        case "SparkApplication" -> {
          pods.add(sparkPod(name, doc.path("spec"), "driver"));
          pods.add(sparkPod(name, doc.path("spec"), "executor"));
        }
        default -> {}
      }
    }
    return pods;
  }

  private static Pod template(String name, JsonNode template) {
    return new Pod(name, template.at("/metadata/annotations"), template.path("spec"));
  }

  private static Pod sparkPod(String name, JsonNode app, String role) {
    JsonNode spec = app.path(role);
    ObjectNode pod = Repository.JSON.createObjectNode();
    if (spec.has("podSecurityContext")) {
      pod.set("securityContext", spec.path("podSecurityContext"));
    }
    if (spec.has("hostNetwork")) {
      pod.set("hostNetwork", spec.path("hostNetwork"));
    }
    ObjectNode main = Repository.JSON.createObjectNode().put("name", "spark-kubernetes-" + role);
    if (spec.has("securityContext")) {
      main.set("securityContext", spec.path("securityContext"));
    }
    if (spec.has("ports")) {
      main.set("ports", spec.path("ports"));
    }
    ArrayNode containers = pod.putArray("containers").add(main);
    spec.path("sidecars").forEach(containers::add);
    if (spec.has("initContainers")) {
      pod.set("initContainers", spec.path("initContainers"));
    }
    Set<String> mounted = new HashSet<>();
    spec.path("volumeMounts").forEach(m -> mounted.add(m.path("name").asText()));
    ArrayNode volumes = pod.putArray("volumes");
    app.path("volumes")
        .forEach(
            v -> {
              if (mounted.contains(v.path("name").asText())) {
                volumes.add(v);
              }
            });
    return new Pod(name + " " + role, spec.path("annotations"), pod);
  }

  private static List<Map.Entry<String, JsonNode>> entries(JsonNode object) {
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    object.fields().forEachRemaining(entries::add);
    return entries;
  }
}
