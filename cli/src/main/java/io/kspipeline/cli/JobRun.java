package io.kspipeline.cli;

import io.kspipeline.core.failure.FailureLine;
import io.kspipeline.jobs.JobProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One run of the job in its own JVM. A job cannot start while the schema registry is down: it ends
 * at once with {@link FailureLine}'s one line for it. Given a registry wait, such a run is started
 * again, every attempt said in a line, until the registry answers or the wait is over; it then goes
 * on from the checkpoint as any restart does. Other failures are left to the caller.
 */
final class JobRun implements AutoCloseable {
  /**
   * How long a run that cannot reach the registry at start is started again, and who hears of each
   * refusal.
   */
  record RegistryWait(Duration bound, Runnable onRefusal) {}

  /** Between attempts: a refused start costs a JVM and a Spark session. */
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(2);

  private final int run;
  private final Path log;
  private final List<String> args;
  private final RegistryWait registryWait;
  private final PrintWriter out;
  private JobProcess process;
  private long attemptLogStart;
  private int attempt = 1;
  private long waitingSince = -1;

  private JobRun(int run, Path log, List<String> args, RegistryWait registryWait, PrintWriter out)
      throws IOException {
    this.run = run;
    this.log = log;
    this.args = args;
    this.registryWait = registryWait;
    this.out = out;
    launch();
  }

  /**
   * @param registryWait whether and how long to start again a job that cannot reach the registry
   *     (null: not at all)
   */
  static JobRun start(
      int run, Path log, List<String> args, RegistryWait registryWait, PrintWriter out)
      throws IOException {
    return new JobRun(run, log, args, registryWait, out);
  }

  /** Whether the job runs; one that ended for the registry's outage is started again first. */
  boolean isAlive() throws Exception {
    startedAgainIfRegistryDown();
    return process.isAlive();
  }

  /** Waits for the job to end by itself (not for the registry's outage); true when it did. */
  boolean awaitExit(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    do {
      if (!process.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        return false;
      }
    } while (startedAgainIfRegistryDown());
    return true;
  }

  int exitValue() {
    return process.exitValue();
  }

  /** SIGKILL. */
  void kill() throws InterruptedException {
    process.kill();
  }

  String logTail() {
    return process.logTail();
  }

  /** SIGTERM, then SIGKILL if the job has not stopped in time. */
  @Override
  public void close() throws InterruptedException {
    process.close();
  }

  private void launch() throws IOException {
    attemptLogStart = Files.exists(log) ? Files.size(log) : 0;
    process = JobProcess.start(log, args);
  }

  /** Starts the job again if it ended saying that the registry did not answer. */
  private boolean startedAgainIfRegistryDown() throws Exception {
    if (registryWait == null || process.isAlive() || process.exitValue() == 0) {
      return false;
    }
    Optional<String> line = registryLine();
    if (line.isEmpty()) {
      return false;
    }
    registryWait.onRefusal().run();
    if (waitingSince < 0) {
      waitingSince = System.nanoTime();
    }
    if (System.nanoTime() - waitingSince > registryWait.bound().toNanos()) {
      throw new IllegalStateException(
          "run "
              + run
              + ": the schema registry did not answer in "
              + registryWait.bound()
              + ": "
              + line.get());
    }
    say(
        "run %d: attempt %d could not start: %s; attempt %d in %d s",
        run, attempt, line.get(), attempt + 1, RETRY_PAUSE.toSeconds());
    attempt++;
    Thread.sleep(RETRY_PAUSE.toMillis());
    launch();
    return true;
  }

  /** The line of the attempt's log saying the registry could not be reached, if there is one. */
  private Optional<String> registryLine() throws IOException {
    String written;
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      file.seek(attemptLogStart);
      byte[] bytes = new byte[(int) (file.length() - attemptLogStart)];
      file.readFully(bytes);
      written = new String(bytes, StandardCharsets.UTF_8);
    }
    return written
        .lines()
        .filter(l -> l.contains(FailureLine.REGISTRY_UNREACHABLE))
        .map(l -> l.substring(l.indexOf(FailureLine.REGISTRY_UNREACHABLE)))
        .map(l -> l.replaceAll("\u001B\\[[0-9;]*m", "").strip()) // a terminal's colours
        .findFirst();
  }

  private void say(String format, Object... args) {
    out.println("verify: " + String.format(format, args));
    out.flush();
  }
}
