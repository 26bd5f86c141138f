package io.kspipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kspipeline.testsupport.KafkaExtension;
import io.kspipeline.testsupport.KafkaHarness;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's own figures the way Prometheus scrapes them on Kubernetes: the job jar on a plain Spark
 * class path, Spark's JmxSink on, and the image's JMX exporter agent with the chart's rules.
 */
class JmxExporterIT {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  private static final String LINE = "10.1.2.3 - - [26/Dec/2016:%s +0000] \"GET %s HTTP/1.1\" %d 5";

  /** 26 Dec 2016 14:29:00 UTC: one minute (the watermark delay) behind the 14:30 line. */
  private static final long WATERMARK_14_29 = 1_482_762_540_000L;

  private static final Pattern SERIES = Pattern.compile("\\b(?:pipeline|spark|kafka)_[a-z0-9_]+");

  @TempDir Path work;

  /**
   * After a known input (a malformed line, then a late line), the exporter serves the dead-letter,
   * late, lag and lost-offset series of the query with those values.
   */
  @Test
  void shouldExportThePipelineSeriesOfEachQuery() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    String input = "exporter-raw";
    // The 14:30 line moves the watermark (1 minute) past every window of 14:16.
    kafka.produceValues(
        input,
        List.of(
            line("14:16:29", "/a", 200),
            line("14:16:29", "/a", 200),
            line("14:16:29", "/b", 200),
            line("14:30:00", "/c", 200),
            "not an access log line"));
    try (ExporterProcess job = topUrls(kafka, input, "exporter")) {
      // A scrape reads each series on its own, so a batch may end between two of them: a page is
      // awaited until it shows the batch in every series checked, never asserted mid-update.
      String page =
          job.awaitPage(
              p ->
                  sample(p, "pipeline_input_rows_total") == 5
                      && sample(p, "pipeline_dead_lettered_rows_total") == 1);
      assertThat(sample(page, "pipeline_late_rows_total")).isZero();

      // A batch reports the watermark it ran with: once one shows 14:29, every later batch has
      // closed the windows of 14:16, and a record of 14:16 is late whenever it is read.
      kafka.produceValues(input, List.of(line("14:30:05", "/c", 200)));
      page =
          job.awaitPage(
              p ->
                  sample(p, "pipeline_input_rows_total") == 6
                      && sample(p, "pipeline_watermark_timestamp_ms") == WATERMARK_14_29);
      assertThat(sample(page, "pipeline_late_rows_total")).isZero();

      kafka.produceValues(input, List.of(line("14:16:29", "/a", 200)));
      page =
          job.awaitPage(
              p ->
                  sample(p, "pipeline_input_rows_total") == 7
                      && sample(p, "pipeline_late_rows_total") == 1);

      assertThat(page)
          .contains("# TYPE pipeline_dead_lettered_rows_total counter")
          .contains("# TYPE pipeline_consumer_lag_records gauge");
      assertThat(sample(page, "pipeline_dead_lettered_rows_total")).isEqualTo(1);
      assertThat(sample(page, "pipeline_consumer_lag_records")).isZero();
      assertThat(sample(page, "pipeline_data_loss_records_total")).isZero();
      assertThat(sample(page, "pipeline_batch_input_rows")).isEqualTo(1);
      assertThat(page).containsPattern("(?m)^pipeline_queries 1\\.0$");
      // Spark's own series pass through the same rules.
      assertThat(page).containsPattern("(?m)^spark_jvm_heap_used\\{role=\"driver\"} ");
    }
  }

  /**
   * Every series the Grafana dashboard reads is served by a Structured job, a DStream job or a
   * producer under the exporter: a renamed series or rule fails here, not on an operator's screen.
   */
  @Test
  void theDashboardReadsOnlySeriesTheExporterServes() throws Exception {
    KafkaHarness kafka = KAFKA.harness();
    String raw = "dashboard-raw";
    kafka.produceValues(
        raw, List.of(line("14:16:29", "/a", 200), line("14:16:30", "/b", 503), "malformed"));
    Set<String> served = new TreeSet<>();
    try (ExporterProcess structured = topUrls(kafka, raw, "dashboard");
        ExporterProcess dstream =
            ExporterProcess.start(
                work,
                "error-lines",
                ExporterProcess.jobClassPath(),
                List.of(
                    "io.kspipeline.jobs.JobCommand",
                    "error-lines",
                    "--master=local[2]",
                    "--bootstrap=" + kafka.bootstrapServers(),
                    "--input-topic=" + raw,
                    "--output-topic=dashboard-errors",
                    "--dead-letter-topic=dashboard-dlq",
                    "--checkpoint=" + work.resolve("error-lines-checkpoint")));
        ExporterProcess producer =
            ExporterProcess.start(
                work,
                "producer",
                null,
                List.of(
                    "-jar",
                    Repository.dockerContext().resolve("producer-app.jar").toString(),
                    "access-logs",
                    "--generate",
                    "--rate=20",
                    "--duration=3m",
                    "--topic=dashboard-access",
                    "--dlq-topic=dashboard-access-dlq",
                    "--bootstrap=" + kafka.bootstrapServers(),
                    "--registry=mock://dashboard"))) {
      served.addAll(
          ExporterProcess.sampleNames(
              structured.awaitPage(p -> sample(p, "pipeline_input_rows_total") == 3)));
      // A DStream job reports its batches under its name too, beside Spark's StreamingMetrics.
      served.addAll(
          ExporterProcess.sampleNames(
              dstream.awaitPage(
                  p ->
                      sample(p, "pipeline_input_rows_total", "error-lines") == 3
                          && sample(p, "pipeline_dead_lettered_rows_total", "error-lines") == 0
                          && p.contains("spark_streaming_totalprocessedrecords{"))));
      served.addAll(
          ExporterProcess.sampleNames(
              producer.awaitPage(p -> p.contains("pipeline_producer_sent_records_total{"))));
    }

    Set<String> read = dashboardSeries();
    assertThat(read).isNotEmpty();
    assertThat(served).containsAll(read);
  }

  /** The series named in the dashboard's expressions. */
  private static Set<String> dashboardSeries() {
    JsonNode dashboard =
        Repository.json(Repository.chart().resolve("files/grafana-dashboard.json"));
    Set<String> names = new TreeSet<>();
    for (JsonNode expr : dashboard.findValues("expr")) {
      Matcher m = SERIES.matcher(expr.asText());
      while (m.find()) {
        names.add(m.group());
      }
    }
    return names;
  }

  private ExporterProcess topUrls(KafkaHarness kafka, String input, String prefix)
      throws Exception {
    return ExporterProcess.start(
        work,
        prefix + "-top-urls",
        ExporterProcess.jobClassPath(),
        List.of(
            "io.kspipeline.jobs.JobCommand",
            "top-urls",
            "--master=local[2]",
            "--bootstrap=" + kafka.bootstrapServers(),
            "--registry=mock://" + prefix,
            "--input=raw",
            "--input-topic=" + input,
            "--dead-letter-topic=" + prefix + "-dlq",
            "--output-topic=" + prefix + "-top",
            "--trigger=1s",
            "--checkpoint=" + work.resolve(prefix + "-checkpoint")));
  }

  private static String line(String time, String endpoint, int status) {
    return String.format(LINE, time, endpoint, status);
  }

  /** The value of {@code metric{query="top-urls"}}, -1 when the page does not have it. */
  private static long sample(String page, String metric) {
    return sample(page, metric, "top-urls");
  }

  /** The value of {@code metric{query="<query>"}}, -1 when the page does not have it. */
  private static long sample(String page, String metric, String query) {
    Matcher m =
        Pattern.compile("(?m)^" + metric + "\\{query=\"" + Pattern.quote(query) + "\"} (\\S+)$")
            .matcher(page);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
  }
}
