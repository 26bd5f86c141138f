package io.kspipeline.benchmarks.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM on this JVM's class path and module flags, started through {@link MeasuredMain}. Its
 * stdout is collected line by line (and copied to {@code <name>.out}); its stderr goes to {@code
 * <name>.log} in the log directory.
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private final long startedNanos = System.nanoTime();

  private final Path stdoutCopy;

  private ChildJvm(String name, Process process, Path stdoutCopy) {
    this.name = name;
    this.process = process;
    this.stdoutCopy = stdoutCopy;
    this.reader = new Thread(this::readStdout, "child-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code mainClass args} in a JVM of its own with at most {@code heap} of heap; with
   * {@code profile}, under Java Flight Recorder into {@code <name>.jfr}.
   */
  static ChildJvm start(
      String name, Path logDir, boolean profile, String heap, String mainClass, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    if (profile) {
      command.add(
          "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
              + logDir.resolve(name + ".jfr").toAbsolutePath());
    }
    // The flags this JVM was started with that Spark needs on Java 17 (--add-opens and friends).
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-opens")
          || flag.startsWith("--add-exports")
          || flag.equals("-XX:+IgnoreUnrecognizedVMOptions")
          || flag.startsWith("-Djdk.reflect")) {
        command.add(flag);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(MeasuredMain.class.getName());
    command.add(mainClass);
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectError(logDir.resolve(name + ".log").toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    process.getOutputStream().close();
    return new ChildJvm(name, process, logDir.resolve(name + ".out"));
  }

  /** Collects stdout, and keeps a copy beside the child's log for a look afterwards. */
  private void readStdout() {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        BufferedWriter copy = Files.newBufferedWriter(stdoutCopy, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
        copy.write(line);
        copy.newLine();
        copy.flush();
      }
    } catch (IOException e) {
      // the process is gone; what was read stays
    }
  }

  String name() {
    return name;
  }

  /** Waits for the first stdout line that matches, failing if the child exits first. */
  String awaitLine(Predicate<String> matching, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      for (String line : lines) {
        if (matching.test(line)) {
          return line;
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited (code " + process.exitValue() + ") before the awaited output");
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(name + ": awaited output not seen in " + timeoutSeconds + "s");
  }

  /** Waits for the child to exit on its own; fails on a non-zero exit code. */
  ChildResult await(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not finish in " + timeoutSeconds + "s");
    }
    return finish(true);
  }

  /**
   * Reads the child's CPU and peak RSS from /proc while it runs, then stops it with SIGTERM. A
   * job's own shutdown (Spark stopping its queries) may outlast its report at exit, so the figures
   * are taken from outside.
   */
  ChildResult stop() throws InterruptedException {
    long[] stats = ProcessStats.ofLiveProcess(process.pid());
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
    return finish(false, stats);
  }

  private ChildResult finish(boolean mustSucceed) throws InterruptedException {
    return finish(mustSucceed, null);
  }

  private ChildResult finish(boolean mustSucceed, long[] outside) throws InterruptedException {
    reader.join(10_000);
    double wallSeconds = (System.nanoTime() - startedNanos) / 1e9;
    if (mustSucceed && process.exitValue() != 0) {
      throw new IllegalStateException(
          name + " failed with exit code " + process.exitValue() + " (see " + name + ".log)");
    }
    long cpuMs = outside != null ? outside[0] : -1;
    long rssKb = outside != null ? outside[1] : -1;
    for (String line : lines) {
      var stats = ProcessStats.parse(line);
      if (stats.isPresent()) {
        cpuMs = stats.get()[0];
        rssKb = stats.get()[1];
      }
    }
    return new ChildResult(name, List.copyOf(lines), cpuMs / 1000.0, rssKb / 1024.0, wallSeconds);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
