# shellcheck shell=bash disable=SC2034 # the variables are used by the scripts that source this
# What deploy/yarn/submit.sh and deploy/k8s/submit.sh share. Sourced, not run.

JOB_MAIN_CLASS=io.kspipeline.jobs.JobCommand
DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPOSITORY_ROOT=$(cd "$DEPLOY_DIR/.." && pwd)

# Spark's JavaModuleOptions for Java 17. Spark's launcher adds them as well; naming them keeps
# custom images and entrypoints working.
SPARK_JAVA17_OPTIONS="-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false"

die() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

# $SPARK_HOME/bin/spark-submit, else the one on PATH.
spark_submit_command() {
  if [[ -n "${SPARK_HOME:-}" ]]; then
    echo "$SPARK_HOME/bin/spark-submit"
  elif command -v spark-submit >/dev/null; then
    command -v spark-submit
  else
    die "spark-submit not found: set SPARK_HOME or put it on PATH"
  fi
}

require_job_name() {
  [[ "${1:-}" =~ ^[a-z][a-z0-9-]*$ ]] || die "first argument must be a job name such as status-counts (see --help)"
}

# True when the job options name the option, as "--opt value" or "--opt=value".
has_option() {
  local option=$1 arg
  shift
  for arg in "$@"; do
    [[ "$arg" == "$option" || "$arg" == "$option="* ]] && return 0
  done
  return 1
}

# True when the job gets its checkpoint from a flag, PIPELINE_CHECKPOINT or the config file.
checkpoint_configured() {
  has_option --checkpoint "$@" && return 0
  [[ -n "${PIPELINE_CHECKPOINT:-}" ]] && return 0
  [[ -n "${PIPELINE_CONFIG_FILE:-}" && -f "$PIPELINE_CONFIG_FILE" ]] &&
    grep -Eq '^[[:space:]]*checkpoint[[:space:]]*[=:]' "$PIPELINE_CONFIG_FILE"
}

# The password never travels as a Spark setting: spark-submit shows those in the UI and in ps.
# $1: how to pass it instead on this cluster manager.
refuse_password_variable() {
  [[ -z "${PIPELINE_JDBC_PASSWORD+set}" ]] || die "PIPELINE_JDBC_PASSWORD is not sent to the cluster; $1"
}

# The exported PIPELINE_* variables but $@ (handled otherwise): handed to the driver, which
# reads them like flags.
pipeline_variables() {
  local name skipped
  for name in $(compgen -e); do
    [[ "$name" == PIPELINE_* ]] || continue
    for skipped in "$@"; do
      [[ "$name" == "$skipped" ]] && continue 2
    done
    echo "$name"
  done
}

# --jars and --packages from SUBMIT_JARS and SUBMIT_PACKAGES, appended to the array `command`:
# what the job jar leaves to the cluster, such as the JDBC driver (docs/dependencies.md).
add_dependency_options() {
  if [[ -n "${SUBMIT_JARS:-}" ]]; then
    command+=(--jars "$SUBMIT_JARS")
  fi
  if [[ -n "${SUBMIT_PACKAGES:-}" ]]; then
    command+=(--packages "$SUBMIT_PACKAGES")
  fi
}

# Prints the command (SUBMIT_DRY_RUN=1) or runs it.
run_or_print() {
  if [[ "${SUBMIT_DRY_RUN:-}" == 1 ]]; then
    printf '%q ' "$@"
    echo
  else
    exec "$@"
  fi
}
