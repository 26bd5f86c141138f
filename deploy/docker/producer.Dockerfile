# The producer's image: a JRE 17 and the runnable producer jar. Arguments are the producer's:
#   docker run kspipeline/producer:0.1.0 access-logs --file /data/access.log --bootstrap kafka:9092
#
# Build context: deploy/target/docker, made by ./mvnw package:
#   docker build -f deploy/target/docker/producer.Dockerfile -t kspipeline/producer:0.1.0 deploy/target/docker
FROM eclipse-temurin:17-jre

RUN groupadd --system --gid 10001 pipeline \
 && useradd --system --uid 10001 --gid pipeline --no-create-home --shell /usr/sbin/nologin pipeline
COPY producer-app.jar /opt/pipeline/producer-app.jar
# The producer's metrics (sent, dead-lettered, failed, send latency, and the Kafka client's own)
# on port 8090 for Prometheus, with the rules the jobs' image uses.
COPY jmx_prometheus_javaagent.jar jmx-exporter.yaml /opt/pipeline/

# Numeric, so that Kubernetes can check runAsNonRoot.
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-javaagent:/opt/pipeline/jmx_prometheus_javaagent.jar=8090:/opt/pipeline/jmx-exporter.yaml", "-jar", "/opt/pipeline/producer-app.jar"]
