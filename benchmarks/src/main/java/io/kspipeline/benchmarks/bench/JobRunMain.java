package io.kspipeline.benchmarks.bench;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.structured.ErrorAlertsCommand;
import io.kspipeline.jobs.structured.TopUrlsCommand;
import io.kspipeline.jobs.structured.TrendingHashtagsCommand;
import java.util.Arrays;

/**
 * A job as {@code bin/pipeline job <name>} runs it (same command classes, same options), with
 * {@link JobProgressListener} reporting each micro-batch: {@code JobRunMain top-urls --bootstrap
 * ...}.
 */
public final class JobRunMain {
  private JobRunMain() {}

  public static void main(String[] args) {
    System.setProperty(
        "spark.sql.streaming.streamingQueryListeners", JobProgressListener.class.getName());
    // The UI is no part of what is measured, and its Jersey differs from the Kafka tools' one.
    System.setProperty("spark.ui.enabled", "false");
    Object command =
        switch (args[0]) {
          case "top-urls" -> new TopUrlsCommand();
          case "trending-hashtags" -> new TrendingHashtagsCommand();
          case "error-alerts" -> new ErrorAlertsCommand();
          default -> throw new IllegalArgumentException("no job " + args[0] + " in the bench");
        };
    System.exit(PipelineCommandLine.run(command, Arrays.copyOfRange(args, 1, args.length)));
  }
}
