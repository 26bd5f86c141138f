package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.testsupport.Eventually;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code bin/pipeline} command of docs/seed.md as a user would — from a fresh directory
 * holding the page's sample data, with no broker and no registry running — and checks that it
 * prints the block the page shows after it ({@code ...} ending a block: more lines follow); a job
 * that keeps running must then stop cleanly on SIGTERM. No run may log an ERROR.
 */
class SeedPageIT {
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  private static final Path PAGE = REPOSITORY.resolve("docs/seed.md");
  private static final String FENCE = "```";
  private static final String MORE = "...";
  private static final Duration RUN_LIMIT = Duration.ofMinutes(5);
  private static final Pattern BATCH_TIME = Pattern.compile("\\d{10,}");

  @TempDir Path work;

  /** A command of the page and the output block shown after it (empty: none). */
  record PageCommand(String line, List<String> printed) {}

  @TestFactory
  Stream<DynamicTest> everyCommandOfThePagePrintsWhatThePageShows() throws IOException {
    List<PageCommand> commands = commands(Files.readAllLines(PAGE));
    assertThat(commands).as("commands on " + PAGE).hasSizeGreaterThanOrEqualTo(4);
    return commands.stream()
        .map(
            command ->
                DynamicTest.dynamicTest(
                    command.line(),
                    () -> {
                      if (command.line().contains("--trigger available-now")) {
                        runToEnd(command);
                      } else {
                        runUntilShown(command);
                      }
                    }));
  }

  /** The shell blocks' {@code bin/pipeline} lines, each with the first text block after it. */
  static List<PageCommand> commands(List<String> page) {
    List<PageCommand> commands = new ArrayList<>();
    String pending = null;
    for (int i = 0; i < page.size(); i++) {
      String line = page.get(i);
      if (line.equals(FENCE + "shell")) {
        pending = page.get(i + 1);
        if (!pending.startsWith("bin/pipeline ")) {
          pending = null;
        }
      } else if (line.equals(FENCE + "text") && pending != null) {
        List<String> block = new ArrayList<>();
        for (i++; !page.get(i).equals(FENCE); i++) {
          block.add(page.get(i));
        }
        commands.add(new PageCommand(pending, block));
        pending = null;
      }
    }
    return commands;
  }

  private void runToEnd(PageCommand command) throws Exception {
    Path directory = freshDirectory();
    Path stdout = directory.resolve("stdout");
    Process process = start(command.line(), directory, stdout);
    boolean ended = process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String printed = Files.readString(stdout);
    String errors = Files.readString(directory.resolve("stderr"));
    assertThat(ended).as("ended within %s; stderr:%n%s", RUN_LIMIT, errors).isTrue();
    assertThat(process.exitValue()).as("exit code; stderr:%n%s", errors).isZero();
    assertThat(indexOfBlock(lines(printed), expectedLines(command.printed())))
        .as("the page's block, line after line, in:%n%s", printed)
        .isNotNegative();
    assertThat(errors).as("stderr").doesNotContain(" ERROR ");
  }

  /**
   * A job that keeps running: it must print the page's block, then stop cleanly on SIGTERM. For the
   * socket example this test is the {@code nc -lk} the page starts (on a free port rather than
   * 8888) and types the page's two lines.
   */
  private void runUntilShown(PageCommand command) throws Exception {
    Path directory = freshDirectory();
    Path stdout = directory.resolve("stdout");
    boolean socket = command.line().contains("--socket");
    try (ServerSocket server = new ServerSocket(0)) {
      String line = command.line().replace(":8888", ":" + server.getLocalPort());
      Process process = start(line, directory, stdout);
      Socket client = null;
      try {
        if (socket) {
          client = server.accept();
          OutputStream out = client.getOutputStream();
          out.write("disk error on /dev/sda\nall good\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
        Eventually.eventually(
            "the page's block printed by " + command.line(),
            RUN_LIMIT,
            () -> indexOfBlock(lines(read(stdout)), expectedLines(command.printed())) >= 0);
      } finally {
        process.destroy();
        process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (client != null) {
          client.close();
        }
      }
      String errors = read(directory.resolve("stderr"));
      assertThat(process.exitValue()).as("exit code after SIGTERM; stderr:%n%s", errors).isZero();
      assertThat(errors).as("stderr after SIGTERM").doesNotContain(" ERROR ");
      if (socket) {
        assertThat(read(stdout)).doesNotContain("all good");
      }
    }
  }

  private Path freshDirectory() throws IOException {
    Path directory = Files.createTempDirectory(work, "run");
    copy(REPOSITORY.resolve("docs/seed-data"), directory.resolve("docs/seed-data"));
    return directory;
  }

  private static Process start(String line, Path directory, Path stdout) throws IOException {
    List<String> argv = new ArrayList<>(Arrays.asList(line.split(" ")));
    argv.set(0, REPOSITORY.resolve("bin/pipeline").toString());
    ProcessBuilder builder =
        new ProcessBuilder(argv)
            .directory(directory.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(directory.resolve("stderr").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("PIPELINE_SKIP_BUILD", "1");
    return builder.start();
  }

  private static List<String> expectedLines(List<String> block) {
    List<String> expected = new ArrayList<>(block);
    if (!expected.isEmpty() && expected.get(expected.size() - 1).equals(MORE)) {
      expected.remove(expected.size() - 1);
    }
    return expected;
  }

  /**
   * Where the block starts among the printed lines, -1 if nowhere. A batch time on the page (a
   * number of ten digits or more) stands for whichever the run printed.
   */
  static int indexOfBlock(List<String> printed, List<String> block) {
    List<Pattern> patterns = block.stream().map(SeedPageIT::lineWithAnyBatchTime).toList();
    for (int start = 0; start + patterns.size() <= printed.size(); start++) {
      int matched = 0;
      while (matched < patterns.size()
          && patterns.get(matched).matcher(printed.get(start + matched)).matches()) {
        matched++;
      }
      if (matched == patterns.size()) {
        return start;
      }
    }
    return -1;
  }

  private static Pattern lineWithAnyBatchTime(String line) {
    StringBuilder regex = new StringBuilder();
    Matcher time = BATCH_TIME.matcher(line);
    int from = 0;
    while (time.find()) {
      regex.append(Pattern.quote(line.substring(from, time.start()))).append("\\d+");
      from = time.end();
    }
    return Pattern.compile(regex.append(Pattern.quote(line.substring(from))).toString());
  }

  private static List<String> lines(String text) {
    return text.lines().map(String::stripTrailing).toList();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
