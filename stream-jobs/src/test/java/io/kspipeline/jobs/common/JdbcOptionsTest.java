package io.kspipeline.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.core.config.PipelineCommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

/** A database password never travels as a flag value, where {@code ps} would show it. */
class JdbcOptionsTest {
  @Command(name = "job")
  static class Job {
    @Mixin JdbcOptions jdbc = new JdbcOptions();
  }

  @Test
  void shouldOfferNoFlagThatTakesThePasswordItself() {
    CommandLine cli = PipelineCommandLine.create(new Job());

    assertThat(
            cli.getCommandSpec().options().stream()
                .map(OptionSpec::longestName)
                .filter(name -> name.contains("password")))
        .containsExactlyInAnyOrder("--jdbc-password-env", "--jdbc-password-file");
    assertThatThrownBy(() -> cli.parseArgs("--jdbc-password", "s3cret"))
        .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
  }

  @Test
  void shouldReadThePasswordFromTheFileAndKeepItOutOfToString(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("password"), "s3cret\n");
    Job job = new Job();
    PipelineCommandLine.create(job)
        .parseArgs("--jdbc-url", "jdbc:h2:mem:x", "--jdbc-password-file", file.toString());

    assertThat(job.jdbc.settings().password()).isEqualTo("s3cret");
    assertThat(job.jdbc.settings().toString()).doesNotContain("s3cret");
  }
}
