package io.kspipeline.cli;

import io.kspipeline.core.config.PipelineCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A pipeline command as a user types it, run in this JVM, with what it printed (output and errors
 * together, in order).
 */
public record PipelineRun(int exit, String printed) {
  private static final Pattern VERIFY_WORK_DIR = Pattern.compile("verify: work dir (\\S+),");

  public static PipelineRun of(String... args) {
    StringWriter printed = new StringWriter();
    PrintWriter printer = new PrintWriter(printed, true);
    CommandLine cli = PipelineCommandLine.create(new Pipeline());
    cli.setOut(printer);
    cli.setErr(printer);
    int exit = cli.execute(args);
    printer.flush();
    return new PipelineRun(exit, printed.toString());
  }

  public static PipelineRun of(List<String> args) {
    return of(args.toArray(String[]::new));
  }

  /** Prints what the run printed on this JVM's output: its figures, in the test report. */
  public PipelineRun reported() {
    System.out.print(printed);
    return this;
  }

  public List<String> lines() {
    return printed.strip().lines().toList();
  }

  public String lastLine() {
    List<String> lines = lines();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** The work directory {@code verify} said it used. */
  public Path verifyWorkDir() {
    Matcher dir = VERIFY_WORK_DIR.matcher(printed);
    if (!dir.find()) {
      throw new AssertionError("verify printed no work dir:\n" + printed);
    }
    return Path.of(dir.group(1));
  }
}
