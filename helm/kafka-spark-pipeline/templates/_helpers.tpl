{{/* Release-scoped name, at most 52 characters so that "<name>-<job>" stays a valid label value. */}}
{{- define "ksp.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "ksp.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "ksp.labels" -}}
{{ include "ksp.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
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

{{/*
What driver and executors share: the image's spark user (uid 185) with a group that can write the
checkpoint claim; the checkpoints (both write state); the Kafka client config (both open clients).
*/}}
{{- define "ksp.sparkPodCommon" -}}
podSecurityContext:
  runAsNonRoot: true
  runAsUser: 185
  fsGroup: 185
{{- if or .usesClaim .root.Values.kafka.existingSecret }}
volumeMounts:
  {{- if .usesClaim }}
  - name: checkpoints
    mountPath: {{ .root.Values.checkpoint.mountPath }}
  {{- end }}
  {{- if .root.Values.kafka.existingSecret }}
  {{- include "ksp.kafkaConfigMount" .root | nindent 2 }}
  {{- end }}
{{- end }}
{{- end -}}
