package io.kspipeline.benchmarks.bench;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import java.util.Arrays;

/**
 * A Structured job as {@code bin/pipeline job <name>} runs it (the catalog's command class, same
 * options), with {@link JobProgressListener} reporting each micro-batch: {@code JobRunMain top-urls
 * --bootstrap ...}.
 */
public final class JobRunMain {
  private JobRunMain() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    JobSpec job = JobCatalog.named(args[0]);
    // The listener reports Structured queries' progress; a DStream job would print nothing.
    if (job.api() != JobSpec.Api.STRUCTURED) {
      throw new IllegalArgumentException(job.name() + " is not a Structured job");
    }
    System.setProperty(
        "spark.sql.streaming.streamingQueryListeners", JobProgressListener.class.getName());
    // The UI is no part of what is measured, and its Jersey differs from the Kafka tools' one.
    System.setProperty("spark.ui.enabled", "false");
    Object command = job.command().getDeclaredConstructor().newInstance();
    System.exit(PipelineCommandLine.run(command, Arrays.copyOfRange(args, 1, args.length)));
  }
}
