package io.kspipeline.cli;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.schemas.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a verify run happens: the cluster, the registry, the database, its own topics (named for
 * the run, so a platform team's cluster keeps its real topics untouched), its work dir and the
 * job's checkpoint (in the work dir unless verify was given a checkpoint root).
 */
record VerifySetup(
    String bootstrap,
    Path kafkaConfig,
    String registry,
    String jdbcUrl,
    Path workDir,
    String checkpoint,
    String topicPrefix) {
  /** Properties of the harness's own Kafka clients: the cluster and the --kafka-config file. */
  Map<String, Object> kafkaClient() {
    return new HashMap<>(KafkaOptions.of(bootstrap, kafkaConfig).clientProperties());
  }

  String inputTopic() {
    return topicPrefix + "input";
  }

  String deadLetterTopic() {
    return topicPrefix + "input-dlq";
  }

  /** Where a windowed job sends records behind its watermark. */
  String lateTopic() {
    return Topics.lateTopicOf(inputTopic());
  }

  String outputTopic() {
    return topicPrefix + "output";
  }

  /** The DStream job's consumer group, where its processed offsets are committed. */
  String groupId() {
    return topicPrefix + "group";
  }

  /**
   * Options every job run takes: connections (the database for a job with a table), topics,
   * checkpoint, a small local Spark.
   */
  List<String> jobArgs(JobSpec job) {
    List<String> args =
        new ArrayList<>(
            List.of(
                job.name(),
                "--bootstrap",
                bootstrap,
                "--registry",
                registry,
                "--checkpoint",
                checkpoint,
                "--input-topic",
                inputTopic(),
                "--dead-letter-topic",
                deadLetterTopic(),
                "--output-topic",
                outputTopic(),
                "--master",
                "local[2]",
                "--spark-conf",
                "spark.ui.enabled=false",
                "--spark-conf",
                "spark.sql.shuffle.partitions=2"));
    if (!job.tables().isEmpty()) {
      args.addAll(List.of("--jdbc-url", jdbcUrl));
    }
    if (kafkaConfig != null) {
      args.addAll(List.of("--kafka-config", kafkaConfig.toString()));
    }
    return args;
  }
}
