package io.kspipeline.cli;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live demo as a user runs it, from {@code bin/pipeline} in a process group of its own: at ten
 * times its default rates for minutes, stopping by itself ({@code --for}); and stopped by SIGINT to
 * the whole group as a terminal's Ctrl-C sends it.
 */
class DemoLiveIT {
  private static final Pattern STOP_LINE =
      Pattern.compile(
          "demo: job=(\\S+) processed=(\\d+) lag=(\\d+) max_lag=(\\d+) batch_p99_ms=(\\d+)");
  private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w$.]+\\(.*\\)$");

  /** Ten times the demo's default rates: what the README says it sustains on 2 cores. */
  private static final int LOG_LINES_PER_SECOND = 1_000;

  private static final int TWEETS_PER_SECOND = 200;

  private static final int ACTIONS_PER_SECOND = 200;

  @TempDir Path work;

  /**
   * From {@code bin/pipeline}, as a user starts it: the JVM's heap and collector are the script's,
   * not this test JVM's.
   */
  @Test
  void shouldKeepEveryJobWithinTwentySecondsOfItsInputAtTenTimesTheDefaultRates() throws Exception {
    Path stdout = work.resolve("stdout");
    Path stderr = work.resolve("stderr");
    Process demo =
        startDemo(
            stdout,
            stderr,
            "--log-rate",
            String.valueOf(LOG_LINES_PER_SECOND),
            "--tweet-rate",
            String.valueOf(TWEETS_PER_SECOND),
            "--action-rate",
            String.valueOf(ACTIONS_PER_SECOND),
            "--for",
            "3m");
    try {
      assertThat(demo.waitFor(10, TimeUnit.MINUTES))
          .as("the demo ended after --for 3m; last output:%n%s", tail(read(stdout) + read(stderr)))
          .isTrue();
    } finally {
      demo.destroyForcibly();
    }
    String printed = read(stdout);
    assertThat(demo.exitValue()).as(tail(printed + read(stderr))).isZero();

    Map<String, long[]> stops = stopLines(printed);
    String stopLines = stopLinesOf(printed);
    // In the build's log: what the run sustained, beside the pass.
    System.out.println(stopLines);
    assertThat(stops.keySet())
        .containsExactlyInAnyOrder(
            "status-counts",
            "top-urls",
            "action-counts",
            "trending-hashtags",
            "error-alerts",
            "error-lines",
            "popular-hashtags",
            "hashtag-counts");
    stops.forEach(
        (job, figures) -> {
          String input =
              DemoJobs.JOBS.stream().filter(j -> j.name().equals(job)).findFirst().get().input();
          long perSecond =
              switch (input) {
                case "tweets" -> TWEETS_PER_SECOND;
                case "web-actions" -> ACTIONS_PER_SECOND;
                default -> LOG_LINES_PER_SECOND;
              };
          assertThat(figures[0]).as("%s processed", job).isPositive();
          assertThat(figures[1])
              .as("%s lag at the stop; every job's stop line:%n%s", job, stopLines)
              .isLessThan(20 * perSecond);
        });
  }

  private static String stopLinesOf(String printed) {
    return printed
        .lines()
        .filter(line -> line.startsWith("demo: job="))
        .collect(java.util.stream.Collectors.joining(System.lineSeparator()));
  }

  @Test
  void shouldStopCleanlyOnSigintToTheProcessGroup() throws Exception {
    Path stdout = work.resolve("stdout");
    Path stderr = work.resolve("stderr");
    Process demo = startDemo(stdout, stderr);
    try {
      eventually(
          "the live view to show status counts",
          Duration.ofMinutes(3),
          () -> !demo.isAlive() || read(stdout).contains("Status counts\n  status"));
      assertThat(demo.isAlive()).as(read(stdout) + read(stderr)).isTrue();
      // bash's own kill: procps-ng's (4.0) misreads "-INT -PID" and signals far more than the group
      // (here it stopped the caller and the local PostgreSQL).
      Process kill =
          new ProcessBuilder("bash", "-c", "kill -s INT -- -" + demo.pid()).inheritIO().start();
      assertThat(kill.waitFor()).isZero();
      boolean stopped = demo.waitFor(5, TimeUnit.MINUTES);
      assertThat(stopped)
          .as(
              "the demo stopped after SIGINT; processes:%n%s%nlast output:%n%s",
              processes(demo.pid()), tail(read(stdout) + read(stderr)))
          .isTrue();
    } finally {
      demo.destroyForcibly();
    }
    String printed = read(stdout) + read(stderr);
    assertThat(demo.exitValue()).as(printed).isZero();
    assertThat(printed).contains("demo: job=status-counts processed=").contains("results are in");
    // While the live view runs, log lines go to the demo's log file: hold it to the same rule.
    assertThat(printed).containsPattern("demo: log: \\S+demo\\.log \\(\\d+ warnings, 0 errors\\)");
    printed += read(work.resolve("demo").resolve(DemoLog.FILE_NAME));
    List<String> lines = printed.lines().toList();
    assertThat(lines).noneMatch(line -> line.contains("ERROR"));
    assertThat(lines).noneMatch(line -> STACK_FRAME.matcher(line).matches());
  }

  /**
   * {@code bin/pipeline demo} in a session (and process group) of its own, with SIGINT at its
   * default disposition even when this JVM was started with it ignored (as background jobs of a
   * script are).
   */
  private Process startDemo(Path stdout, Path stderr, String... options) throws IOException {
    assumeThat(onPath("setsid") && onPath("perl"))
        .as("setsid and perl start the demo in a process group of its own")
        .isTrue();
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                "perl",
                "-e",
                "$SIG{INT} = 'DEFAULT'; exec @ARGV or die",
                "setsid",
                Path.of("..", "bin", "pipeline").toString(),
                "demo",
                "--work-dir",
                work.resolve("demo").toString()));
    command.addAll(List.of(options));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put("PIPELINE_SKIP_BUILD", "1");
    return builder.start();
  }

  /** job → {processed, lag} from the lines printed at the stop. */
  private static Map<String, long[]> stopLines(String printed) {
    Map<String, long[]> stops = new TreeMap<>();
    Matcher m = STOP_LINE.matcher(printed);
    while (m.find()) {
      stops.put(m.group(1), new long[] {Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
    }
    return stops;
  }

  /** The processes of the demo's session with their signal masks, for a demo that did not stop. */
  private static String processes(long session) throws IOException, InterruptedException {
    Process ps =
        new ProcessBuilder(
                "bash",
                "-c",
                "for p in $(pgrep -s "
                    + session
                    + "); do echo \"$(ps -o pid=,pgid=,stat=,args= -p $p"
                    + " | cut -c1-120) $(grep -E 'Sig(Blk|Ign|Cgt)' /proc/$p/status | tr '\\n' ' ')\"; done")
            .redirectErrorStream(true)
            .start();
    String listed = new String(ps.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    ps.waitFor();
    return listed;
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
