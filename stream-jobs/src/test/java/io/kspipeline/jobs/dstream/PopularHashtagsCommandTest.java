package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.jobs.SparkTestSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** popular-hashtags' command line: files or Kafka, and where dead letters go. */
class PopularHashtagsCommandTest {
  @TempDir Path work;

  @Test
  void shouldShowHowToReadAFileDirectoryInItsHelp() {
    StringWriter out = new StringWriter();
    CommandLine command = PipelineCommandLine.create(new PopularHashtagsCommand());
    command.setOut(new PrintWriter(out));

    assertThat(command.execute("--help")).isZero();
    assertThat(out.toString())
        .contains(
            "--input=kafka|dir:PATH",
            "--dead-letters=topic[:NAME]|file:PATH|console",
            "--dead-letter-topic=TOPIC",
            "pipeline job popular-hashtags --input dir:data/tweets --console");
  }

  @Test
  void shouldRefuseADirectoryThatIsNotThere() {
    SparkTestSession.get();
    PopularHashtagsCommand command = new PopularHashtagsCommand();
    String missing = work.resolve("no-tweets").toString();
    PipelineCommandLine.create(command)
        .parseArgs(
            "--input", "dir:" + missing, "--checkpoint", work.resolve("checkpoint").toString());

    assertThatThrownBy(command::context)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--input dir:" + missing + ": no such directory");
  }
}
