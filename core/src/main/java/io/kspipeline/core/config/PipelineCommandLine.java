package io.kspipeline.core.config;

import io.kspipeline.core.failure.FailureLine;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;

/** The one way every command of the pipeline (CLI, spark-submit main classes) is parsed. */
public final class PipelineCommandLine {
  private PipelineCommandLine() {}

  public static CommandLine create(Object command) {
    CommandLine commandLine = parserOf(command);
    commandLine.setDefaultValueProvider(EnvironmentDefaults.fromSystem());
    commandLine.setUsageHelpAutoWidth(true);
    commandLine.setExecutionExceptionHandler(PipelineCommandLine::reportFailure);
    return commandLine;
  }

  /**
   * Sets every option of a command or option group (a mixin) configured by code — tests, the demo,
   * the harnesses — to its declared default, as parsing no flags does (the environment and files
   * are not read), so that each default is written once, in its annotation; the caller then sets
   * what it configures.
   */
  public static <T> T withDefaults(T options) {
    parserOf(options).parseArgs();
    return options;
  }

  /**
   * Sets a command (or option group) configured by code from flags, parsed as on the command line
   * over the declared defaults, but without the environment and files: a test or the demo gets what
   * it says and nothing a developer's {@code PIPELINE_*} variables would add. An unknown flag or a
   * bad value fails as it would for a user; an option given twice takes the later value.
   */
  public static <T> T parse(T command, List<String> args) {
    CommandLine parser = parserOf(command);
    parser.setOverwrittenOptionsAllowed(true);
    parser.parseArgs(args.toArray(String[]::new));
    return command;
  }

  private static CommandLine parserOf(Object command) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.registerConverter(Duration.class, Durations::parse);
    return commandLine;
  }

  /**
   * A failed command prints one line: what to do about it when {@link FailureLine} knows the
   * failure, else the chain of errors; the stack trace only with {@code PIPELINE_DEBUG=1}, so users
   * see what went wrong rather than where.
   */
  private static int reportFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    String known = FailureLine.of(e);
    String line = cl.getCommandName() + ": " + (known != null ? known : describe(e));
    cl.getErr().println(cl.getColorScheme().errorText(line));
    if (System.getenv("PIPELINE_DEBUG") != null) {
      e.printStackTrace(cl.getErr());
    }
    cl.getErr().flush();
    return cl.getCommandSpec().exitCodeOnExecutionException();
  }

  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }

  /** Parses and runs the command; returns its exit code. */
  public static int run(Object command, String... args) {
    return create(command).execute(args);
  }

  /**
   * The main method of a spark-submit main class: runs the command and exits with its code, but
   * returns when the code is 0. On YARN in cluster mode a System.exit before main returns, even
   * exit(0), makes the ApplicationMaster report the application FAILED ("Shutdown hook called
   * before final status was reported") and YARN start another attempt.
   */
  public static void runSparkMain(Object command, String... args) {
    int exitCode = run(command, args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }
}
