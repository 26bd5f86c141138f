package io.kspipeline.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the demo runs on, resolved from its options.
 *
 * @param accessLog null to generate access logs
 * @param tweets empty to generate tweets
 * @param webActions null to generate web actions
 * @param replaySpeed null to publish files as fast as possible
 * @param webPort null for no web page
 * @param logRate generated access-log lines per second
 * @param tweetRate generated tweets per second
 * @param actionRate generated web actions per second
 * @param runFor how long a live demo runs before it stops as Ctrl-C does; null: until Ctrl-C
 */
record DemoSettings(
    Path workDir,
    String bootstrap,
    String jdbcUrl,
    Path checkpoints,
    Path accessLog,
    List<Path> tweets,
    Path webActions,
    Double replaySpeed,
    Duration watermark,
    boolean untilDrained,
    Integer webPort,
    Duration refresh,
    int logRate,
    int tweetRate,
    int actionRate,
    Duration runFor) {

  String registryUrl() {
    return workDir.resolve("schema-registry").toUri().toString();
  }

  String checkpoint(String job) {
    return checkpoints.resolve(job).toString();
  }
}
