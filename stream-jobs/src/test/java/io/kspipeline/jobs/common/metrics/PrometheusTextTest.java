package io.kspipeline.jobs.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scrape page's text format. */
class PrometheusTextTest {
  private static BatchFigures batch(String query, long id, Instant watermark, Long lag) {
    return new BatchFigures(query, id, 10, Double.NaN, 20.5, 300, 4, watermark, lag, 1, 2, 3);
  }

  @Test
  void shouldWriteHelpTypeAndOneSamplePerQuery() {
    MetricsRegistry registry = new MetricsRegistry();
    registry.record(batch("status-counts", 0, null, 5L));
    registry.record(batch("status-counts", 1, null, 0L));
    registry.record(batch("top-urls", 3, Instant.ofEpochMilli(1_482_761_789_000L), null));

    List<String> lines = Arrays.asList(PrometheusText.render(registry.snapshot()).split("\n"));

    assertThat(lines)
        .containsSubsequence(
            "# HELP pipeline_batch_duration_ms Duration of the last micro-batch in milliseconds.",
            "# TYPE pipeline_batch_duration_ms gauge",
            "pipeline_batch_duration_ms{query=\"status-counts\"} 300",
            "pipeline_batch_duration_ms{query=\"top-urls\"} 300")
        .contains(
            "pipeline_batch_id{query=\"status-counts\"} 1",
            "pipeline_input_rows_per_second{query=\"status-counts\"} NaN",
            "pipeline_processed_rows_per_second{query=\"status-counts\"} 20.5",
            "pipeline_state_rows{query=\"top-urls\"} 4",
            "pipeline_consumer_lag_records{query=\"status-counts\"} 0",
            "pipeline_watermark_timestamp_ms{query=\"top-urls\"} 1482761789000",
            "# TYPE pipeline_batches_total counter",
            "pipeline_batches_total{query=\"status-counts\"} 2",
            "pipeline_input_rows_total{query=\"status-counts\"} 20",
            "pipeline_late_rows_total{query=\"status-counts\"} 2",
            "pipeline_dead_lettered_rows_total{query=\"status-counts\"} 4",
            "# TYPE pipeline_data_loss_records_total counter",
            "pipeline_data_loss_records_total{query=\"status-counts\"} 6");
    // No lag for a query without Kafka offsets, no watermark for one without a watermark.
    assertThat(lines)
        .noneMatch(line -> line.startsWith("pipeline_consumer_lag_records{query=\"top-urls\"}"))
        .noneMatch(
            line -> line.startsWith("pipeline_watermark_timestamp_ms{query=\"status-counts\"}"));
    // Every sample line is: name{labels} value.
    assertThat(lines)
        .filteredOn(line -> !line.startsWith("#"))
        .allMatch(line -> line.matches("pipeline_[a-z_]+\\{query=\"[^\"]*\"} \\S+"));
  }

  @Test
  void shouldEscapeLabelValues() {
    assertThat(PrometheusText.escapeLabel("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
  }
}
