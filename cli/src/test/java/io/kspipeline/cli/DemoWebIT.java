package io.kspipeline.cli;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kspipeline.core.config.PipelineCommandLine;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The live demo with {@code --web}: generated logs and tweets flow through the jobs, and the page,
 * loaded in headless Chromium, shows filled tables and the charts. Then the demo stops as on
 * Ctrl-C.
 */
class DemoWebIT {
  private static final Duration DEADLINE = Duration.ofMinutes(5);
  private static final Pattern WEB = Pattern.compile("web page at (http://127\\.0\\.0\\.1:\\d+/)");

  @TempDir Path work;

  @Test
  void shouldShowTheLiveTablesInABrowser() throws Exception {
    String chromium = chromium();
    assumeTrue(chromium != null, "chromium is not installed (deploy/ci/tools.sh installs it)");
    StringWriter out = new StringWriter();
    DemoCommand demo = new DemoCommand();
    CommandLine cli = PipelineCommandLine.create(demo);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    CompletableFuture<Integer> running =
        CompletableFuture.supplyAsync(
            () -> cli.execute("--work-dir", work.resolve("demo").toString(), "--web", "0"));
    try {
      String page = awaitPage(out, running);
      HttpClient http = HttpClient.newHttpClient();
      eventually(
          () -> "the jobs' first results in the demo's snapshot:\n" + tail(out),
          DEADLINE,
          () -> {
            assertThat(running).as("demo running:\n%s", tail(out)).isNotDone();
            String snapshot = get(http, URI.create(page + "api/snapshot"));
            return snapshot.contains("\"statusCounts\":[{") && snapshot.contains("\"topUrls\":[{");
          });

      Process browser =
          new ProcessBuilder(
                  chromium,
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-background-networking",
                  "--user-data-dir=" + work.resolve("chromium"),
                  "--virtual-time-budget=5000",
                  "--dump-dom",
                  page)
              .redirectError(work.resolve("chromium.log").toFile())
              .start();
      String dom = new String(browser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(browser.waitFor(2, TimeUnit.MINUTES)).isTrue();

      assertThat(dom).contains("updated ").doesNotContain("waiting for the first results");
      assertThat(section(dom, "status-counts")).contains("<td>200</td>");
      assertThat(section(dom, "top-urls"))
          .containsPattern("<td>/[^<]*</td><td class=\"n\">\\d+</td>");
      assertThat(section(dom, "flows"))
          .contains("<td>status-counts</td>", "<td>hashtag-counts</td>");
      assertThat(dom).contains("<rect");
      // Each job's throughput and lag over the last minutes, a line per chart.
      assertThat(dom.substring(dom.indexOf("<div id=\"history\">")))
          .contains("<h3>status-counts</h3>", "<h3>hashtag-counts</h3>")
          .containsPattern("<path d=\"M[\\d.]+ [\\d.]+ L");
    } finally {
      demo.stop();
    }
    assertThat(running.get(2, TimeUnit.MINUTES)).as(tail(out)).isZero();
    assertThat(out.toString())
        .contains(
            "demo: stopping the producers, then the jobs after their running batch",
            "produce: topic=tweets",
            "results are in");
  }

  private static String awaitPage(StringWriter out, CompletableFuture<Integer> running) {
    eventually(
        () -> "the demo serving its page:\n" + tail(out),
        DEADLINE,
        () -> {
          assertThat(running).as("demo running:\n%s", tail(out)).isNotDone();
          return WEB.matcher(out.toString()).find();
        });
    Matcher m = WEB.matcher(out.toString());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String get(HttpClient http, URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("cannot read " + uri, e);
    }
  }

  /** The table element with this id, as the browser left it. */
  private static String section(String dom, String id) {
    int start = dom.indexOf("<table id=\"" + id + "\"");
    assertThat(start).as("table " + id).isNotNegative();
    return dom.substring(start, dom.indexOf("</table>", start));
  }

  private static String tail(StringWriter out) {
    String s = out.toString();
    return s.substring(Math.max(0, s.length() - 4000));
  }

  private static String chromium() {
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      try (Stream<String> path = Stream.of(System.getenv("PATH").split(File.pathSeparator))) {
        String found =
            path.map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst()
                .orElse(null);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
