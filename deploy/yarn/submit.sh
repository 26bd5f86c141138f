#!/usr/bin/env bash
# Submits a pipeline job to YARN in cluster mode with what a job that runs for weeks needs there:
# application attempts that are forgiven after a while, rolling logs, checkpoints on HDFS,
# Kerberos, Kafka security and executor sizing. `submit.sh --help` lists the settings.
set -euo pipefail
# shellcheck source=SCRIPTDIR/../lib/submit-common.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/submit-common.sh"

usage() {
  cat <<'USAGE'
Usage: deploy/yarn/submit.sh <job> [job options]
  e.g. deploy/yarn/submit.sh status-counts --bootstrap kafka1:9092 --jdbc-url jdbc:postgresql://db/app

Job options work as everywhere (deploy/README.md): flags here, PIPELINE_<OPTION> variables (sent
to the driver), or a properties file named by PIPELINE_CONFIG_FILE (shipped with the job).
Files named by PIPELINE_CONFIG_FILE, PIPELINE_KAFKA_CONFIG, PIPELINE_JDBC_PASSWORD_FILE,
--kafka-config and --jdbc-password-file are shipped too and the driver reads its copies.

Submission settings (environment):
  SPARK_HOME                          spark-submit is $SPARK_HOME/bin/spark-submit, else on PATH
  SUBMIT_JOB_JAR                      job jar (default: stream-jobs/target/stream-jobs-*-job.jar)
  SUBMIT_APP_NAME                     YARN application name (default: kspipeline-<job>)
  SUBMIT_QUEUE                        YARN queue
  SUBMIT_DRIVER_MEMORY, SUBMIT_DRIVER_CORES              default 2g, 1
  SUBMIT_EXECUTORS, SUBMIT_EXECUTOR_CORES, SUBMIT_EXECUTOR_MEMORY   default 2, 2, 2g
  SUBMIT_EXECUTOR_MEMORY_OVERHEAD     off-heap headroom per executor (default: Spark's)
  SUBMIT_MAX_APP_ATTEMPTS             spark.yarn.maxAppAttempts (default 4)
  SUBMIT_ATTEMPT_VALIDITY_INTERVAL    failures older than this are forgotten (default 1h)
  SUBMIT_CHECKPOINT_ROOT              --checkpoint <root>/<job> unless given (default hdfs:///user/$USER/kspipeline/checkpoints)
  SUBMIT_PRINCIPAL, SUBMIT_KEYTAB     Kerberos login, renewed for the job's lifetime
  SUBMIT_EXTRA_FILES                  more files to ship, comma-separated (e.g. a truststore)
  SUBMIT_JARS                         jars for driver and executors, comma-separated paths or URLs
                                      (--jars): the JDBC driver, which the job jar does not bundle
  SUBMIT_PACKAGES                     or Maven coordinates to resolve, comma-separated (--packages),
                                      e.g. org.postgresql:postgresql:42.7.8
  SUBMIT_JAVA_OPTIONS                 more JVM options for driver and executors
  SUBMIT_WAIT                         true: wait for the application to end (default false)
  SUBMIT_DRY_RUN=1                    print the spark-submit command instead of running it
USAGE
}

if [[ "${1:-}" == -h || "${1:-}" == --help ]]; then
  usage
  exit 0
fi
require_job_name "${1:-}"
job=$1
shift
refuse_password_variable "put it in a file named by PIPELINE_JDBC_PASSWORD_FILE (shipped with the job)"

if [[ -n "${SUBMIT_JOB_JAR:-}" ]]; then
  job_jar=$SUBMIT_JOB_JAR
else
  job_jar=$(find "$REPOSITORY_ROOT/stream-jobs/target" -maxdepth 1 -name 'stream-jobs-*-job.jar' 2>/dev/null | sort | tail -n 1)
  [[ -n "$job_jar" ]] || die "no job jar: build it (./mvnw -pl stream-jobs -am package -DskipTests) or set SUBMIT_JOB_JAR"
fi
if [[ -n "${SUBMIT_PRINCIPAL:-}${SUBMIT_KEYTAB:-}" && ( -z "${SUBMIT_PRINCIPAL:-}" || -z "${SUBMIT_KEYTAB:-}" ) ]]; then
  die "set both SUBMIT_PRINCIPAL and SUBMIT_KEYTAB, or neither"
fi

shipped_files=("$DEPLOY_DIR/yarn/log4j2-yarn.properties")
# Ships a local file with the job; shipped_name is what the driver finds it as (in its working
# directory). Not called in $(...): the list of files must grow in this shell.
ship() {
  [[ -f "$1" ]] || die "no such file: $1"
  shipped_files+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")")
  shipped_name=$(basename "$1")
}

# Job options, with the files they name replaced by the shipped copies.
job_options=()
while (($# > 0)); do
  case "$1" in
    --kafka-config | --jdbc-password-file)
      (($# >= 2)) || die "$1 needs a file"
      ship "$2"
      job_options+=("$1" "$shipped_name")
      shift 2
      continue ;;
    --kafka-config=* | --jdbc-password-file=*)
      ship "${1#*=}"
      job_options+=("${1%%=*}=$shipped_name") ;;
    *)
      job_options+=("$1") ;;
  esac
  shift
done
if ! checkpoint_configured "${job_options[@]}"; then
  job_options+=(--checkpoint "${SUBMIT_CHECKPOINT_ROOT:-hdfs:///user/${USER:-$(id -un)}/kspipeline/checkpoints}/$job")
fi

driver_settings=()
file_variables=(PIPELINE_CONFIG_FILE PIPELINE_KAFKA_CONFIG PIPELINE_JDBC_PASSWORD_FILE)
for variable in "${file_variables[@]}"; do
  if [[ -n "${!variable:-}" ]]; then
    ship "${!variable}"
    driver_settings+=(--conf "spark.yarn.appMasterEnv.$variable=$shipped_name")
  fi
done
for variable in $(pipeline_variables "${file_variables[@]}"); do
  driver_settings+=(--conf "spark.yarn.appMasterEnv.$variable=${!variable}")
done
if [[ -n "${SUBMIT_EXTRA_FILES:-}" ]]; then
  IFS=, read -r -a extra_files <<<"$SUBMIT_EXTRA_FILES"
  for file in "${extra_files[@]}"; do
    ship "$file"
  done
fi

java_options="$SPARK_JAVA17_OPTIONS -Dlog4j2.configurationFile=log4j2-yarn.properties${SUBMIT_JAVA_OPTIONS:+ $SUBMIT_JAVA_OPTIONS}"
validity=${SUBMIT_ATTEMPT_VALIDITY_INTERVAL:-1h}
command=(
  "$(spark_submit_command)"
  --master yarn
  --deploy-mode cluster
  --name "${SUBMIT_APP_NAME:-kspipeline-$job}"
  --class "$JOB_MAIN_CLASS"
  --driver-memory "${SUBMIT_DRIVER_MEMORY:-2g}"
  --driver-cores "${SUBMIT_DRIVER_CORES:-1}"
  --num-executors "${SUBMIT_EXECUTORS:-2}"
  --executor-cores "${SUBMIT_EXECUTOR_CORES:-2}"
  --executor-memory "${SUBMIT_EXECUTOR_MEMORY:-2g}"
)
[[ -n "${SUBMIT_QUEUE:-}" ]] && command+=(--queue "$SUBMIT_QUEUE")
[[ -n "${SUBMIT_PRINCIPAL:-}" ]] && command+=(--principal "$SUBMIT_PRINCIPAL" --keytab "$SUBMIT_KEYTAB")
[[ -n "${SUBMIT_EXECUTOR_MEMORY_OVERHEAD:-}" ]] && command+=(--conf "spark.executor.memoryOverhead=$SUBMIT_EXECUTOR_MEMORY_OVERHEAD")
add_dependency_options
command+=(
  # A restarted attempt resumes from the checkpoint; failures older than the interval do not
  # count, so a job that fails once a week is not killed for good after a month.
  --conf "spark.yarn.maxAppAttempts=${SUBMIT_MAX_APP_ATTEMPTS:-4}"
  --conf "spark.yarn.am.attemptFailuresValidityInterval=$validity"
  --conf "spark.yarn.executor.failuresValidityInterval=$validity"
  --conf spark.task.maxFailures=8
  # A fixed set of executors: the micro-batches are steady and state stays where it is.
  --conf spark.dynamicAllocation.enabled=false
  --conf spark.speculation=false
  # Delegation tokens are renewed; a cached FileSystem would keep the expired one.
  --conf spark.hadoop.fs.hdfs.impl.disable.cache=true
  --conf "spark.yarn.rolledLog.includePattern=spark\\.log.*"
  --conf "spark.yarn.submit.waitAppCompletion=${SUBMIT_WAIT:-false}"
  --conf "spark.driver.extraJavaOptions=$java_options"
  --conf "spark.executor.extraJavaOptions=$java_options"
  "${driver_settings[@]}"
  --files "$(IFS=,; echo "${shipped_files[*]}")"
  "$job_jar"
  "$job"
  "${job_options[@]}"
)
run_or_print "${command[@]}"
