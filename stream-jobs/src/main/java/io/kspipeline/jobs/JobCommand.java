package io.kspipeline.jobs;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code job <name>}: the streaming jobs. Also the main class of the job jar for spark-submit:
 * {@code spark-submit --class io.kspipeline.jobs.JobCommand stream-jobs.jar status-counts ...}.
 */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description = "Run a Spark streaming job (Structured Streaming or DStream).",
    modelTransformer = JobCommand.CatalogSubcommands.class)
public final class JobCommand {
  public static void main(String[] args) {
    PipelineCommandLine.runSparkMain(new JobCommand(), args);
  }

  /**
   * One subcommand per job of the {@link JobCatalog}. A model transformer runs whenever picocli
   * builds this command, as the job jar's main or as {@code pipeline job}, and before the settings
   * of {@link PipelineCommandLine} are applied to the whole hierarchy.
   */
  static final class CatalogSubcommands implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec job) {
      for (JobSpec spec : JobCatalog.all()) {
        job.addSubcommand(spec.name(), CommandSpec.forAnnotatedObject(spec.command()));
      }
      return job;
    }
  }
}
