#!/usr/bin/env bash
# Submits a pipeline job to Kubernetes with plain spark-submit (no operator): the same job, image,
# checkpoint storage and secrets as the Helm chart. `submit.sh --help` lists the settings.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib/submit-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/submit-common.sh"

usage() {
  cat <<'USAGE'
Usage: deploy/k8s/submit.sh <job> [job options]
  e.g. SUBMIT_CHECKPOINT_CLAIM=pipeline-checkpoints deploy/k8s/submit.sh status-counts --bootstrap kafka:9092

Job options work as everywhere (deploy/README.md): flags here, PIPELINE_<OPTION> variables
(sent to the driver), or the ConfigMap kafka-spark-pipeline-settings (see the pod template).

Submission settings (environment):
  SPARK_HOME                        spark-submit is $SPARK_HOME/bin/spark-submit, else on PATH
  SUBMIT_MASTER                     default k8s://https://kubernetes.default.svc
  SUBMIT_NAMESPACE                  default "default"
  SUBMIT_IMAGE                      default kspipeline/stream-jobs:0.1.0 (deploy/docker/stream-jobs.Dockerfile)
  SUBMIT_IMAGE_PULL_SECRETS         registry credentials: Secret names, comma-separated
  SUBMIT_SERVICE_ACCOUNT            the driver's (creates executor pods); default kafka-spark-pipeline-spark
  SUBMIT_APP_NAME                   default kspipeline-<job>
  SUBMIT_DRIVER_MEMORY, SUBMIT_DRIVER_CORES              default 1g, 1
  SUBMIT_EXECUTORS, SUBMIT_EXECUTOR_CORES, SUBMIT_EXECUTOR_MEMORY   default 2, 1, 1g
  SUBMIT_CHECKPOINT_CLAIM           ReadWriteMany claim mounted at /checkpoints on driver and executors
  SUBMIT_CHECKPOINT_ROOT            or an hdfs:// / s3a:// root; --checkpoint <root>/<job> unless given
  SUBMIT_KAFKA_SECRET               Secret holding client.properties (SASL/SSL), mounted at /etc/pipeline/kafka
  SUBMIT_JDBC_SECRET                Secret[:key] holding the database password (key default: password)
  SUBMIT_DRIVER_POD_TEMPLATE, SUBMIT_EXECUTOR_POD_TEMPLATE   default: the files beside this script
  SUBMIT_JARS                       more jars, comma-separated local:// paths in the image or URLs
                                    (--jars); the image already has the PostgreSQL and MariaDB drivers
  SUBMIT_PACKAGES                   Maven coordinates the driver pod resolves, comma-separated
                                    (--packages; needs Maven Central or a mirror from the pod)
  SUBMIT_WAIT                       true: wait for the driver to end (default false)
  SUBMIT_DRY_RUN=1                  print the spark-submit command instead of running it
USAGE
}

if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
  usage
  exit 0
fi
require_job_name "${1:-}"
job=$1
shift
refuse_password_variable "put it in a Secret and set SUBMIT_JDBC_SECRET"

checkpoint_mount=/checkpoints
kafka_config_dir=/etc/pipeline/kafka
job_options=("$@")
settings=()

if [[ -n "${SUBMIT_CHECKPOINT_CLAIM:-}" ]]; then
  for role in driver executor; do
    settings+=(
      --conf "spark.kubernetes.$role.volumes.persistentVolumeClaim.checkpoints.options.claimName=$SUBMIT_CHECKPOINT_CLAIM"
      --conf "spark.kubernetes.$role.volumes.persistentVolumeClaim.checkpoints.mount.path=$checkpoint_mount"
    )
  done
  checkpoint_root=${SUBMIT_CHECKPOINT_ROOT:-$checkpoint_mount}
else
  checkpoint_root=${SUBMIT_CHECKPOINT_ROOT:-}
fi
if ! checkpoint_configured "${job_options[@]}"; then
  # A checkpoint inside the driver pod would vanish with it: the job would start over.
  [[ -n "$checkpoint_root" ]] || die "no checkpoint storage: set SUBMIT_CHECKPOINT_CLAIM or SUBMIT_CHECKPOINT_ROOT"
  job_options+=(--checkpoint "$checkpoint_root/$job")
fi

if [[ -n "${SUBMIT_KAFKA_SECRET:-}" ]]; then
  settings+=(
    --conf "spark.kubernetes.driver.secrets.$SUBMIT_KAFKA_SECRET=$kafka_config_dir"
    --conf "spark.kubernetes.executor.secrets.$SUBMIT_KAFKA_SECRET=$kafka_config_dir"
    --conf "spark.kubernetes.driverEnv.PIPELINE_KAFKA_CONFIG=$kafka_config_dir/client.properties"
  )
fi
if [[ -n "${SUBMIT_JDBC_SECRET:-}" ]]; then
  secret=${SUBMIT_JDBC_SECRET%%:*}
  key=password
  [[ "$SUBMIT_JDBC_SECRET" == *:* ]] && key=${SUBMIT_JDBC_SECRET#*:}
  settings+=(--conf "spark.kubernetes.driver.secretKeyRef.PIPELINE_JDBC_PASSWORD=$secret:$key")
fi
[[ -n "${SUBMIT_IMAGE_PULL_SECRETS:-}" ]] &&
  settings+=(--conf "spark.kubernetes.container.image.pullSecrets=$SUBMIT_IMAGE_PULL_SECRETS")
forwarded_elsewhere=()
[[ -n "${SUBMIT_KAFKA_SECRET:-}" ]] && forwarded_elsewhere+=(PIPELINE_KAFKA_CONFIG)
for variable in $(pipeline_variables "${forwarded_elsewhere[@]}"); do
  settings+=(--conf "spark.kubernetes.driverEnv.$variable=${!variable}")
done

# Where the driver pod's spark-submit keeps what --packages resolves: the image's spark user has
# no home directory, and /tmp is writable in the chart's read-only pods as well.
[[ -n "${SUBMIT_PACKAGES:-}" ]] && settings+=(--conf spark.jars.ivy=/tmp/.ivy2)

# The image's JMX exporter agent serves driver and executor metrics on the port the pod templates
# annotate for Prometheus (the rules are the chart's files/jmx-exporter.yaml).
METRICS_AGENT="-javaagent:/opt/pipeline/jmx_prometheus_javaagent.jar=8090:/opt/pipeline/jmx-exporter.yaml"

command=(
  "$(spark_submit_command)"
  --master "${SUBMIT_MASTER:-k8s://https://kubernetes.default.svc}"
  --deploy-mode cluster
  --name "${SUBMIT_APP_NAME:-kspipeline-$job}"
  --class "$JOB_MAIN_CLASS"
  --driver-memory "${SUBMIT_DRIVER_MEMORY:-1g}"
  --driver-cores "${SUBMIT_DRIVER_CORES:-1}"
  --executor-cores "${SUBMIT_EXECUTOR_CORES:-1}"
  --executor-memory "${SUBMIT_EXECUTOR_MEMORY:-1g}"
  --conf "spark.executor.instances=${SUBMIT_EXECUTORS:-2}"
  --conf "spark.kubernetes.namespace=${SUBMIT_NAMESPACE:-default}"
  --conf "spark.kubernetes.container.image=${SUBMIT_IMAGE:-kspipeline/stream-jobs:0.1.0}"
  --conf "spark.kubernetes.authenticate.driver.serviceAccountName=${SUBMIT_SERVICE_ACCOUNT:-kafka-spark-pipeline-spark}"
  --conf "spark.kubernetes.driver.podTemplateFile=${SUBMIT_DRIVER_POD_TEMPLATE:-$DEPLOY_DIR/k8s/driver-pod-template.yaml}"
  --conf "spark.kubernetes.executor.podTemplateFile=${SUBMIT_EXECUTOR_POD_TEMPLATE:-$DEPLOY_DIR/k8s/executor-pod-template.yaml}"
  --conf "spark.kubernetes.submission.waitAppCompletion=${SUBMIT_WAIT:-false}"
  --conf spark.sql.streaming.metricsEnabled=true
  --conf spark.metrics.conf=/opt/pipeline/metrics.properties
  --conf "spark.driver.extraJavaOptions=$SPARK_JAVA17_OPTIONS $METRICS_AGENT"
  --conf "spark.executor.extraJavaOptions=$SPARK_JAVA17_OPTIONS $METRICS_AGENT"
  "${settings[@]}"
)
add_dependency_options
command+=(
  local:///opt/pipeline/stream-jobs-job.jar
  "$job"
  "${job_options[@]}"
)
run_or_print "${command[@]}"
