package io.kspipeline.jobs;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.dstream.ErrorLinesCommand;
import io.kspipeline.jobs.dstream.HashtagCountsCommand;
import io.kspipeline.jobs.dstream.PopularHashtagsCommand;
import io.kspipeline.jobs.structured.ActionCountsCommand;
import io.kspipeline.jobs.structured.ErrorAlertsCommand;
import io.kspipeline.jobs.structured.StatusCountsCommand;
import io.kspipeline.jobs.structured.TopUrlsCommand;
import io.kspipeline.jobs.structured.TrendingHashtagsCommand;
import picocli.CommandLine.Command;

/**
 * {@code job <name>}: the streaming jobs. Also the main class of the job jar for spark-submit:
 * {@code spark-submit --class io.kspipeline.jobs.JobCommand stream-jobs.jar status-counts ...}.
 */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description = "Run a Spark streaming job (Structured Streaming or DStream).",
    subcommands = {
      StatusCountsCommand.class,
      TopUrlsCommand.class,
      ActionCountsCommand.class,
      TrendingHashtagsCommand.class,
      ErrorAlertsCommand.class,
      ErrorLinesCommand.class,
      PopularHashtagsCommand.class,
      HashtagCountsCommand.class
    })
public final class JobCommand {
  public static void main(String[] args) {
    PipelineCommandLine.runSparkMain(new JobCommand(), args);
  }
}
