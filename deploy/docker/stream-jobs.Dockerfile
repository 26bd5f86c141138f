# The jobs' image: the official Spark 3.5.1 image (Scala 2.12, Java 17) plus the job jar at the
# path the chart and deploy/k8s/submit.sh name (local:///opt/pipeline/stream-jobs-job.jar), the
# JDBC drivers of PostgreSQL and MariaDB in Spark's own jars directory (the job jar has none; see
# docs/dependencies.md) and the Prometheus JMX exporter agent with its rules. Nothing is fetched
# when a container starts.
#
# Build context: deploy/target/docker, made by ./mvnw package (it holds this file and the jars):
#   docker build -f deploy/target/docker/stream-jobs.Dockerfile -t kspipeline/stream-jobs:0.1.0 deploy/target/docker
FROM apache/spark:3.5.1-scala2.12-java17-ubuntu

USER root
COPY stream-jobs-job.jar /opt/pipeline/stream-jobs-job.jar
COPY jmx_prometheus_javaagent.jar /opt/pipeline/jmx_prometheus_javaagent.jar
# Spark's metrics to JMX and the exporter's rules (the chart's files/, copied by ./mvnw package).
COPY metrics.properties jmx-exporter.yaml /opt/pipeline/
# On the class path of every driver and executor, as on a cluster whose Spark has the drivers.
COPY jdbc-postgresql.jar /opt/spark/jars/jdbc-postgresql.jar
COPY jdbc-mariadb.jar /opt/spark/jars/jdbc-mariadb.jar
# Where compose mounts the checkpoint volume: a new volume takes this owner, so spark can write.
RUN mkdir -p /opt/pipeline/checkpoints && chown 185:185 /opt/pipeline/checkpoints

# The base image's spark user; its entrypoint (driver/executor roles for Kubernetes) stays.
USER 185
