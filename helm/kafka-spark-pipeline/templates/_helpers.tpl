{{/* The chart's name, or nameOverride: the app.kubernetes.io/name label. */}}
{{- define "ksp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-scoped prefix of every name, at most 40 characters so that "<prefix>-<job>" is mostly whole. */}}
{{- define "ksp.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "ksp.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "ksp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ksp.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
Labels of an object; call with (dict "root" $ "component" name), component optional. Built as a
map, so that commonLabels cannot duplicate a key: the chart's own labels win.
*/}}
{{- define "ksp.labels" -}}
{{- $root := .root -}}
{{- $labels := fromYaml (include "ksp.selectorLabels" $root) -}}
{{- $_ := set $labels "app.kubernetes.io/version" $root.Chart.AppVersion -}}
{{- $_ = set $labels "app.kubernetes.io/managed-by" $root.Release.Service -}}
{{- $_ = set $labels "helm.sh/chart" (printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_") -}}
{{- with .component }}{{ $_ = set $labels "app.kubernetes.io/component" . }}{{ end -}}
{{- toYaml (merge $labels (deepCopy (default dict $root.Values.commonLabels))) -}}
{{- end -}}

{{/* Labels of a pod: selector and component, then the role's own labels, then commonLabels. */}}
{{- define "ksp.podLabels" -}}
{{- $labels := fromYaml (include "ksp.selectorLabels" .root) -}}
{{- $_ := set $labels "app.kubernetes.io/component" .component -}}
{{- toYaml (merge $labels (deepCopy (default dict .extra)) (deepCopy (default dict .root.Values.commonLabels))) -}}
{{- end -}}

{{/* Where a role's pods run: nodeSelector, tolerations, affinity, priorityClassName when set (pod and SparkApplication role alike). */}}
{{- define "ksp.scheduling" -}}
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .priorityClassName }}
priorityClassName: {{ . }}
{{- end }}
{{- end -}}

{{- define "ksp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (printf "%s-spark" (include "ksp.fullname" .)) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "ksp.settingsConfigMap" -}}
{{- printf "%s-settings" (include "ksp.fullname" .) -}}
{{- end -}}

{{- define "ksp.loggingConfigMap" -}}
{{- printf "%s-logging" (include "ksp.fullname" .) -}}
{{- end -}}

{{- define "ksp.loggingDir" -}}/etc/pipeline/logging{{- end -}}

{{/* The one mapping from a job option to its variable: starting-offsets → PIPELINE_STARTING_OFFSETS. */}}
{{- define "ksp.optionVariable" -}}
{{- printf "PIPELINE_%s" (. | upper | replace "-" "_") -}}
{{- end -}}

{{- define "ksp.kafkaConfigDir" -}}/etc/pipeline/kafka{{- end -}}

{{- define "ksp.checkpointClaim" -}}
{{- $claim := .Values.checkpoint.persistentVolumeClaim -}}
{{- if $claim.existingClaim -}}
{{- $claim.existingClaim -}}
{{- else if $claim.create -}}
{{- printf "%s-checkpoints" (include "ksp.fullname" .) -}}
{{- else -}}
{{- fail "checkpoint: set uri, or persistentVolumeClaim.existingClaim, or persistentVolumeClaim.create" -}}
{{- end -}}
{{- end -}}

{{/* Where job "name" checkpoints; call with (dict "root" $ "job" $name). */}}
{{- define "ksp.checkpointLocation" -}}
{{- if .root.Values.checkpoint.uri -}}
{{- printf "%s/%s" (trimSuffix "/" .root.Values.checkpoint.uri) .job -}}
{{- else -}}
{{- printf "%s/%s" (trimSuffix "/" .root.Values.checkpoint.mountPath) .job -}}
{{- end -}}
{{- end -}}

{{- define "ksp.image" -}}
{{- printf "%s:%s" .image.repository (default .chart.AppVersion .image.tag) -}}
{{- end -}}

{{/* The Kafka client properties Secret as a volume; call with the root context. */}}
{{- define "ksp.kafkaConfigVolume" -}}
- name: kafka-client-config
  secret:
    secretName: {{ .Values.kafka.existingSecret }}
{{- end -}}

{{- define "ksp.kafkaConfigMount" -}}
- name: kafka-client-config
  mountPath: {{ include "ksp.kafkaConfigDir" . }}
  readOnly: true
{{- end -}}

{{/* A writable /tmp for containers with a read-only root filesystem (JVM perf data, unpacked native libraries). */}}
{{- define "ksp.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ . }}
{{- end -}}

{{- define "ksp.tmpMount" -}}
- name: tmp
  mountPath: /tmp
{{- end -}}

{{/*
The JVM options of driver and executors. Given as the roles' javaOptions, not in sparkConf: the
operator appends its JMX exporter agent to javaOptions, and would drop sparkConf's value.
*/}}
{{- define "ksp.javaOptions" -}}
{{- $options := list (.Values.javaOptions | trim) -}}
{{- if .Values.logging.enabled -}}
{{- $options = append $options (printf "-Dlog4j2.configurationFile=%s/log4j2.properties" (include "ksp.loggingDir" .)) -}}
{{- end -}}
{{- join " " $options -}}
{{- end -}}

{{/*
The volumes of the Spark pods (SparkApplication .spec.volumes): the checkpoint claim, the Kafka
client config, the logging config, and the scratch space a read-only root filesystem needs.
spark-local-dir-* is Spark's own convention: the operator hands it to Spark, which uses it as its
local directory.
*/}}
{{- define "ksp.sparkVolumes" -}}
{{- $root := .root -}}
{{- if .usesClaim }}
- name: checkpoints
  persistentVolumeClaim:
    claimName: {{ include "ksp.checkpointClaim" $root }}
{{- end }}
{{- if $root.Values.kafka.existingSecret }}
{{ include "ksp.kafkaConfigVolume" $root }}
{{- end }}
{{- if $root.Values.logging.enabled }}
- name: logging
  configMap:
    name: {{ include "ksp.loggingConfigMap" $root }}
{{- end }}
- name: spark-local-dir-1
  emptyDir:
    sizeLimit: {{ $root.Values.scratch.localDirSizeLimit }}
{{ include "ksp.tmpVolume" $root.Values.scratch.tmpSizeLimit }}
- name: work-dir
  emptyDir:
    sizeLimit: {{ $root.Values.scratch.workDirSizeLimit }}
{{- end -}}

{{- define "ksp.sparkVolumeMounts" -}}
{{- $root := .root -}}
{{- if .usesClaim }}
- name: checkpoints
  mountPath: {{ $root.Values.checkpoint.mountPath }}
{{- end }}
{{- if $root.Values.kafka.existingSecret }}
{{ include "ksp.kafkaConfigMount" $root }}
{{- end }}
{{- if $root.Values.logging.enabled }}
- name: logging
  mountPath: {{ include "ksp.loggingDir" $root }}
  readOnly: true
{{- end }}
- name: spark-local-dir-1
  mountPath: /var/data/spark-local-dir-1
{{ include "ksp.tmpMount" $root }}
- name: work-dir
  mountPath: /opt/spark/work-dir
{{- end -}}

{{/*
What driver and executor specs share; call with (dict "root" $ "job" $name "spec" $merged
"usesClaim" bool). Sizing, JVM options, identity, labels, scheduling, the restricted security
contexts and the volume mounts.
*/}}
{{- define "ksp.sparkRole" -}}
{{- $root := .root -}}
{{- $spec := .spec -}}
cores: {{ $spec.cores }}
coreLimit: {{ $spec.coreLimit | quote }}
memory: {{ $spec.memory | quote }}
{{- with $spec.memoryOverhead }}
memoryOverhead: {{ . | quote }}
{{- end }}
javaOptions: {{ include "ksp.javaOptions" $root | quote }}
{{- /* Executors too: they write the checkpoint's state, so they need the cloud identity. */}}
serviceAccount: {{ include "ksp.serviceAccountName" $root }}
labels:
  {{- include "ksp.podLabels" (dict "root" $root "component" .job "extra" $spec.labels) | nindent 2 }}
{{- with $spec.annotations }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- include "ksp.scheduling" $spec }}
podSecurityContext:
  {{- toYaml $root.Values.podSecurityContext | nindent 2 }}
securityContext:
  {{- toYaml $root.Values.containerSecurityContext | nindent 2 }}
volumeMounts:
  {{- include "ksp.sparkVolumeMounts" . | trim | nindent 2 }}
{{- end -}}

{{/* The log4j2 configuration of driver and executors (logging.*): one event per line on stderr. */}}
{{- define "ksp.log4j2" -}}
status = warn
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
{{- if eq .Values.logging.format "json" }}
appender.console.layout.type = JsonLayout
appender.console.layout.compact = true
appender.console.layout.eventEol = true
appender.console.layout.includeTimeMillis = true
appender.console.layout.stacktraceAsString = true
appender.console.layout.pod.type = KeyValuePair
appender.console.layout.pod.key = pod
appender.console.layout.pod.value = ${env:HOSTNAME:-}
{{- else }}
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{ISO8601}{UTC} %-5p [%t] %c{1}: %m%n%ex
{{- end }}
rootLogger.level = {{ .Values.logging.rootLevel }}
rootLogger.appenderRef.console.ref = console
{{- range $logger, $level := .Values.logging.levels }}
{{- $id := $logger | replace "." "_" }}
logger.{{ $id }}.name = {{ $logger }}
logger.{{ $id }}.level = {{ $level }}
{{- end }}
{{- end -}}

{{/*
The pod template of a producer: the image's entrypoint (the producer with the JMX exporter agent
on 8090) and the producer's arguments; call with (dict "root" $ "component" c "args" a "mode" m
"input" i "mountPath" p "claim" c).
*/}}
{{- define "ksp.producerPod" -}}
{{- $root := .root -}}
{{- $shared := $root.Values.producer -}}
metadata:
  labels:
    {{- include "ksp.podLabels" (dict "root" $root "component" .component) | nindent 4 }}
  annotations:
    checksum/settings: {{ include (print $root.Template.BasePath "/settings-configmap.yaml") $root | sha256sum }}
    {{- if $root.Values.monitoring.enabled }}
    prometheus.io/scrape: "true"
    prometheus.io/port: "8090"
    prometheus.io/path: /metrics
    {{- end }}
spec:
  {{- if eq .mode "replay" }}
  restartPolicy: OnFailure
  {{- end }}
  {{- with $root.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . }}
    {{- end }}
  {{- end }}
  securityContext:
    {{- toYaml $shared.podSecurityContext | nindent 4 }}
  {{- with include "ksp.scheduling" $shared | trim }}
  {{- . | nindent 2 }}
  {{- end }}
  containers:
    - name: producer
      image: {{ include "ksp.image" (dict "image" $shared.image "chart" $root.Chart) | quote }}
      imagePullPolicy: {{ $shared.image.pullPolicy }}
      args:
        {{- range .args }}
        - {{ . | quote }}
        {{- end }}
      ports:
        - name: jmx-exporter
          containerPort: 8090
      envFrom:
        - configMapRef:
            name: {{ include "ksp.settingsConfigMap" $root }}
      resources:
        {{- toYaml $shared.resources | nindent 8 }}
      securityContext:
        {{- toYaml $root.Values.containerSecurityContext | nindent 8 }}
      volumeMounts:
        {{- if .input.volume }}
        - name: input
          mountPath: {{ .mountPath }}
          readOnly: true
        {{- end }}
        {{- if .claim }}
        - name: position
          mountPath: /var/lib/pipeline/position
        {{- end }}
        {{- include "ksp.tmpMount" $root | nindent 8 }}
        {{- if $root.Values.kafka.existingSecret }}
        {{- include "ksp.kafkaConfigMount" $root | nindent 8 }}
        {{- end }}
  volumes:
    {{- if .input.volume }}
    - name: input
      {{- toYaml .input.volume | nindent 6 }}
    {{- end }}
    {{- if .claim }}
    - name: position
      persistentVolumeClaim:
        claimName: {{ .claim }}
    {{- end }}
    {{- include "ksp.tmpVolume" "256Mi" | nindent 4 }}
    {{- if $root.Values.kafka.existingSecret }}
    {{- include "ksp.kafkaConfigVolume" $root | nindent 4 }}
    {{- end }}
{{- end -}}
