package io.kspipeline.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code job}'s subcommands come from the catalog and are parsed as every pipeline command is. */
class JobCommandTest {
  private final CommandLine job = PipelineCommandLine.create(new JobCommand());

  @Test
  void shouldOfferEachCatalogJobAsASubcommandInTheCatalogsOrder() {
    assertThat(job.getSubcommands().keySet()).containsExactlyElementsOf(JobCatalog.names());
    for (JobSpec spec : JobCatalog.all()) {
      assertThat(job.getSubcommands().get(spec.name()).<Object>getCommand())
          .isInstanceOf(spec.command());
    }
  }

  @Test
  void shouldParseSubcommandsWithThePipelinesDefaultsAndConverters() {
    CommandLine topUrls = job.getSubcommands().get(JobCatalog.TOP_URLS.name());
    assertThat(topUrls.getDefaultValueProvider()).isNotNull();

    job.parseArgs(JobCatalog.TOP_URLS.name(), "--window", "5m");
    Duration window = topUrls.getCommandSpec().findOption("--window").getValue();
    assertThat(window).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldDescribeAJobInItsHelp() {
    StringWriter out = new StringWriter();
    job.setOut(new PrintWriter(out));

    assertThat(job.execute(JobCatalog.STATUS_COUNTS.name(), "--help")).isZero();
    assertThat(out.toString()).contains("Usage: job status-counts", "--checkpoint", "--trigger");
  }
}
