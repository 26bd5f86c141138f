package io.kspipeline.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A command-line tool the deploy checks run (helm, shellcheck). Found on PATH, then where
 * deploy/ci/tools.sh caches it; a test that needs a missing tool is skipped and says how to get it.
 */
final class ExternalTool {
  private final String name;
  private final Path executable;

  private ExternalTool(String name, Path executable) {
    this.name = name;
    this.executable = executable;
  }

  /** The tool, or a skipped test. */
  static ExternalTool require(String name) {
    Optional<Path> found = find(name);
    assumeTrue(
        found.isPresent(),
        name + " not found on PATH nor in " + toolsDirectory() + "/bin: run deploy/ci/tools.sh");
    return new ExternalTool(name, found.get());
  }

  static Optional<Path> find(String name) {
    Stream<Path> onPath =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .map(Path::of);
    return Stream.concat(onPath, Stream.of(toolsDirectory().resolve("bin")))
        .map(dir -> dir.resolve(name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  static Path toolsDirectory() {
    String configured = System.getenv("KSPIPELINE_TOOLS_DIR");
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "kspipeline-tools");
  }

  /** Removes the variables with these prefixes, so the caller's environment cannot leak in. */
  static Map<String, String> withoutVariables(ProcessBuilder builder, String... prefixes) {
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> Stream.of(prefixes).anyMatch(k::startsWith));
    return environment;
  }

  Result run(Path workingDirectory, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(arguments);
    return Result.of(new ProcessBuilder(command).directory(workingDirectory.toFile()), name);
  }

  Result run(Path workingDirectory, String... arguments) {
    return run(workingDirectory, List.of(arguments));
  }

  /** What a finished command printed (stdout and stderr, in order) and its exit code. */
  record Result(String description, int exitCode, String output) {
    static Result of(ProcessBuilder builder, String description) {
      return of(builder, description, Duration.ofMinutes(2));
    }

    static Result of(ProcessBuilder builder, String description, Duration timeout) {
      try {
        Path log = Files.createTempFile("deploy-test-", ".log");
        try {
          Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
          process.getOutputStream().close();
          if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(
                description + " did not end within " + timeout + ":\n" + Files.readString(log));
          }
          return new Result(
              description, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
          Files.deleteIfExists(log);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    Result assertSucceeded() {
      if (exitCode != 0) {
        throw new AssertionError(description + " exited " + exitCode + ":\n" + output);
      }
      return this;
    }
  }
}
