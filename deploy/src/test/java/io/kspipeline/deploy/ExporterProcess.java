package io.kspipeline.deploy;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM of ours started as the images start it for Prometheus: the image's JMX exporter agent with
 * the chart's rules (files/jmx-exporter.yaml) and Spark's metrics settings
 * (files/metrics.properties as -Dspark.metrics.conf.*). Scraped over HTTP like Prometheus does;
 * killed on close.
 */
final class ExporterProcess implements AutoCloseable {
  private static final Pattern SAMPLE_NAME = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

  private final Process process;
  private final int port;
  private final Path log;

  private ExporterProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code arguments} (a main class or -jar, then its arguments) with the agent.
   *
   * @param classPath the class path, null for a -jar launch
   */
  static ExporterProcess start(Path work, String name, String classPath, List<String> arguments)
      throws IOException {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx640m");
    command.addAll(Repository.sparkJava17Options());
    command.add(
        "-javaagent:"
            + Repository.dockerContext().resolve("jmx_prometheus_javaagent.jar")
            + "="
            + port
            + ":"
            + Repository.chart().resolve("files/jmx-exporter.yaml"));
    for (String line :
        Repository.read(Repository.chart().resolve("files/metrics.properties")).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        command.add("-Dspark.metrics.conf." + line.strip());
      }
    }
    command.add("-Dspark.ui.enabled=false");
    if (classPath != null) {
      command.add("-cp");
      command.add(classPath);
    }
    command.addAll(arguments);
    Path log = work.resolve(name + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    ExternalTool.withoutVariables(builder, "SPARK_", "HADOOP_", "PIPELINE_");
    return new ExporterProcess(builder.start(), port, log);
  }

  /** The class path of a job: plain Spark plus the job jar of the image. */
  static String jobClassPath() {
    return Repository.sparkClassPath()
        + java.io.File.pathSeparator
        + Repository.dockerContext().resolve("stream-jobs-job.jar");
  }

  /** Scrapes until {@code ready} holds for the page (the process must keep running). */
  String awaitPage(Predicate<String> ready) {
    AtomicReference<String> page = new AtomicReference<>("");
    eventually(
        () -> "the exporter's page; last page:\n" + page.get() + "\nprocess log: " + log,
        Duration.ofMinutes(2),
        () -> {
          assertThat(process.isAlive()).as("the process is running (log: %s)", log).isTrue();
          return ready.test(page.updateAndGet(this::scrape));
        });
    return page.get();
  }

  /** The names of the samples on a page. */
  static Set<String> sampleNames(String page) {
    Set<String> names = new TreeSet<>();
    Matcher m = SAMPLE_NAME.matcher(page);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The exporter's page, or the last one while the agent is not listening yet. */
  private String scrape(String last) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : last;
    } catch (IOException e) {
      return last;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while scraping", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException, IOException {
    process.destroyForcibly().waitFor();
    // Kept beside the test reports: the work directory goes with the test.
    Path kept = Path.of("target", "exporter-logs");
    java.nio.file.Files.createDirectories(kept);
    java.nio.file.Files.copy(
        log,
        kept.resolve(System.currentTimeMillis() + "-" + log.getFileName()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
