package io.kspipeline.jobs;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A job in its own JVM ({@code JobCommand <job> <options>} on this JVM's class path, with the Java
 * 17 flags this JVM runs with), so a test or {@code pipeline verify} can SIGKILL it as a crash
 * would and start it again. Its output goes to a log file to show when something goes wrong.
 */
public final class JobProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private JobProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  public static JobProcess start(Path log, List<String> jobArgs) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("-XX:+IgnoreUnrecognized")) {
        command.add(arg);
      } else if (arg.startsWith("-Djdk.reflect")) {
        command.add(arg);
      }
    }
    command.add("-Xmx1g");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.kspipeline.jobs.JobCommand");
    command.addAll(jobArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().removeIf(k -> k.startsWith("PIPELINE_"));
    return new JobProcess(builder.start(), log);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the job to end by itself; true when it did, within the timeout. */
  public boolean awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The exit code of a job that has ended. */
  public int exitValue() {
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no graceful stop — a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(1, TimeUnit.MINUTES);
  }

  /** The last lines of the job's output, for assertion messages. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM, then SIGKILL if the job has not stopped in time. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(1, TimeUnit.MINUTES)) {
      kill();
    }
  }
}
