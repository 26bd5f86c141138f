package io.kspipeline.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the demo runs on, resolved from its options.
 *
 * @param accessLog null to generate access logs
 * @param tweets empty to generate tweets
 * @param replaySpeed null to publish files as fast as possible
 * @param webPort null for no web page
 */
record DemoSettings(
    Path workDir,
    String bootstrap,
    String jdbcUrl,
    Path checkpoints,
    Path accessLog,
    List<Path> tweets,
    Double replaySpeed,
    Duration watermark,
    boolean untilDrained,
    Integer webPort,
    Duration refresh) {
  static final int GENERATED_LINES_PER_SECOND = 100;
  static final int GENERATED_TWEETS_PER_SECOND = 20;

  String registryUrl() {
    return workDir.resolve("schema-registry").toUri().toString();
  }

  String checkpoint(String job) {
    return checkpoints.resolve(job).toString();
  }
}
