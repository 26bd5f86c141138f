package io.kspipeline.jobs.common.metrics;

import static io.kspipeline.testsupport.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.catalog.JobArguments;
import io.kspipeline.jobs.common.OutputFormat;
import io.kspipeline.jobs.common.QueryRunner;
import io.kspipeline.jobs.structured.StatusCountsCommand;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * status-counts through a real broker with the metrics listener and endpoint: the scraped page
 * shows both of its queries with the figures of the run.
 */
class MetricsEndpointIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  @TempDir Path checkpoints;

  @Test
  void shouldServeTheFiguresOfEachQueryOfAJob() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    kafka.createTopic("metrics-raw", 2);
    kafka.createTopic("metrics-counts", 1);
    kafka.createTopic("metrics-dlq", 1);
    List<String> lines =
        new ArrayList<>(
            Collections.nCopies(
                5,
                "10.1.2.3 - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 512 \"-\" \"c\""));
    lines.add("10.1.2.3 - - [26/Dec/2016:14:16:30 +0000] \"GET /x HTTP/1.1\" 404 1 \"-\" \"c\"");
    lines.add("not an access log line");
    kafka.produceValues("metrics-raw", lines);

    SparkSession spark = SparkTestSession.get();
    int port = PipelineMetrics.install(spark, 0).port();
    // Other tests of this JVM may have run status-counts: compare totals before and after.
    String before = scrape(port);
    long countsBefore = sample(before, "pipeline_input_rows_total", "status-counts", 0);
    long lettersBefore = sample(before, "pipeline_dead_lettered_rows_total", "status-counts", 0);

    StatusCountsCommand command =
        JobArguments.builder()
            .option("--input", "raw")
            .inputTopic("metrics-raw")
            .deadLetterTopic("metrics-dlq")
            .bootstrap(kafka.bootstrapServers())
            .registry("mock://metrics-it")
            .checkpoint(checkpoints)
            .trigger("available-now")
            .outputTopic("metrics-counts")
            .outputFormat(OutputFormat.json)
            .build()
            .configure(new StatusCountsCommand());
    QueryRunner.awaitAll(spark, command.start(spark));

    // The listener runs on Spark's event thread: poll until the batch is in. The job's one query
    // reads every record once, the dead letter included.
    String page =
        awaitPage(
            port,
            p -> sample(p, "pipeline_input_rows_total", "status-counts", 0) - countsBefore == 7);

    assertThat(page)
        .contains("# TYPE pipeline_batch_duration_ms gauge")
        .contains("# TYPE pipeline_dead_lettered_rows_total counter");
    assertThat(sample(page, "pipeline_batch_input_rows", "status-counts", -1)).isEqualTo(7);
    assertThat(sample(page, "pipeline_consumer_lag_records", "status-counts", -1)).isZero();
    assertThat(sample(page, "pipeline_batch_duration_ms", "status-counts", -1)).isPositive();
    // One state row per state shard holding a status: 200 and 404 hash to different shards.
    assertThat(sample(page, "pipeline_state_rows", "status-counts", -1)).isEqualTo(2);
    assertThat(
            sample(page, "pipeline_dead_lettered_rows_total", "status-counts", 0) - lettersBefore)
        .isEqualTo(1);
  }

  private static String awaitPage(int port, java.util.function.Predicate<String> ready) {
    AtomicReference<String> page = new AtomicReference<>("");
    eventually(
        () -> "the metrics; last page:\n" + page.get(),
        Duration.ofSeconds(30),
        () -> ready.test(page.updateAndGet(last -> scrape(port))));
    return page.get();
  }

  private static String scrape(int port) {
    HttpResponse<String> response;
    try {
      response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("cannot scrape the metrics page", e);
    }
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PrometheusText.CONTENT_TYPE);
    return response.body();
  }

  /** The value of {@code metric{query="..."}} on the page, truncated to a long. */
  private static long sample(String page, String metric, String query, long absent) {
    Matcher m =
        Pattern.compile("(?m)^" + metric + "\\{query=\"" + Pattern.quote(query) + "\"} (\\S+)$")
            .matcher(page);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : absent;
  }
}
