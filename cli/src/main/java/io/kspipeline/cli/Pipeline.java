package io.kspipeline.cli;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.core.inspect.ParseCommand;
import io.kspipeline.jobs.JobCommand;
import io.kspipeline.jobs.checkpoint.CheckpointCommand;
import io.kspipeline.producer.ProduceCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** {@code bin/pipeline}: every command of the project on one local classpath. */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = Pipeline.Version.class,
    description = "Kafka-centric streaming pipeline: producers, Spark streaming jobs, demo.",
    subcommands = {
      DemoCommand.class,
      ProduceCommand.class,
      VerifyCommand.class,
      JobCommand.class,
      CheckpointCommand.class,
      ParseCommand.class,
      HelpCommand.class
    },
    footer = {
      "",
      "Every option can also be set as an environment variable PIPELINE_<OPTION>",
      "(--jdbc-url → PIPELINE_JDBC_URL) or in the properties file named by PIPELINE_CONFIG_FILE.",
      "",
      "Benchmarks:  pipeline bench [--quick] [--bootstrap B] (see docs/benchmarks.md)",
      "compares our producer and jobs with Kafka's perf tools and Kafka Streams;",
      "bin/pipeline runs it from the benchmarks module, on a class path of its own.",
      "",
      "Start with:  pipeline demo"
    })
public final class Pipeline {
  public static void main(String[] args) {
    System.exit(PipelineCommandLine.run(new Pipeline(), args));
  }

  /** The version from the jar manifest (set by the build). */
  static final class Version implements picocli.CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Pipeline.class.getPackage().getImplementationVersion();
      return new String[] {"pipeline " + (version == null ? "(development build)" : version)};
    }
  }
}
