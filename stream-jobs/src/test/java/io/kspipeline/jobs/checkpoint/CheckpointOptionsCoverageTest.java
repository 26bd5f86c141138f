package io.kspipeline.jobs.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of every job is either among the options its checkpoint records or explained in
 * {@link NotInCheckpoint}: an option added later cannot be silently left out of the check.
 */
class CheckpointOptionsCoverageTest {
  static java.util.List<JobSpec> jobs() {
    return JobCatalog.all();
  }

  @ParameterizedTest
  @MethodSource("jobs")
  void shouldRecordOrExplainEveryOptionOfTheJob(JobSpec job) throws Exception {
    Object command = PipelineCommandLine.withDefaults(job.command().getConstructor().newInstance());
    CheckpointOptions recorded =
        (CheckpointOptions) job.command().getMethod("checkpointOptions").invoke(command);

    Set<String> recordedNames = new TreeSet<>();
    recorded.options().keySet().stream()
        .filter(name -> !name.equals(CheckpointOptions.SHAPE))
        .forEach(name -> recordedNames.addAll(Arrays.asList(name.split("/"))));
    Set<String> options = new TreeSet<>();
    for (OptionSpec option : new CommandLine(command).getCommandSpec().options()) {
      if (!option.usageHelp() && !option.versionHelp()) {
        options.add(option.longestName());
      }
    }
    Set<String> explained = NotInCheckpoint.of(job.name(), job.api()).keySet();

    Set<String> neither = new TreeSet<>(options);
    neither.removeAll(recordedNames);
    neither.removeAll(explained);
    assertThat(neither).as("options neither recorded nor explained").isEmpty();
    assertThat(options).as("recorded names are options of the job").containsAll(recordedNames);
    assertThat(recorded.job()).isEqualTo(job.name());
    assertThat(recorded.api()).isEqualTo(job.api());
    assertThat(recorded.inputTopic()).isEqualTo(job.input());
  }
}
