package io.kspipeline.core.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import picocli.CommandLine.Command;

/**
 * {@code parse}: the pipeline's parsers as filters from stdin to JSON lines on stdout, to check
 * what the producers and jobs will make of some input. Bad lines are reported in the output, and
 * the exit code stays 0.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description =
        "Parse stdin (plain or gzipped) line by line with the pipeline's parsers; print JSON"
            + " lines.",
    subcommands = {
      ParseAccessLogCommand.class,
      ParseTweetCommand.class,
      ParseHashtagsCommand.class
    })
public final class ParseCommand {
  private final InputStream input;
  private final OutputStream output;

  /** Reads System.in, writes System.out. */
  public ParseCommand() {
    this(null, null);
  }

  /** Reads and writes the given streams (for tests and embedding); null means the system's. */
  public ParseCommand(InputStream input, OutputStream output) {
    this.input = input;
    this.output = output;
  }

  int translate(JsonLines.Translator translator) throws IOException {
    JsonLines.translate(
        input == null ? System.in : input, output == null ? System.out : output, translator);
    return 0;
  }
}
