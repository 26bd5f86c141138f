package io.kspipeline.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.common.BatchWatermark;
import io.kspipeline.jobs.structured.input.AccessLogInput;
import io.kspipeline.jobs.structured.windows.TimeMode;
import io.kspipeline.jobs.structured.windows.WindowResults;
import io.kspipeline.jobs.structured.windows.WindowSpec;
import io.kspipeline.testsupport.stream.Batch;
import io.kspipeline.testsupport.stream.JobStream;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * top-urls' pipeline without a broker, batch by batch: window counts, the top N ranked across state
 * shards, dead letters and late records out of the same query, and a restart from the checkpoint
 * that neither loses nor doubles a count.
 */
class TopUrlsJobTest {
  private static final int TOP = 2;
  private static final Duration WINDOW = Duration.ofSeconds(30);
  private static final Duration SLIDE = Duration.ofSeconds(10);
  private static final DateTimeFormatter MINUTE_SECOND = DateTimeFormatter.ofPattern("mm:ss");

  @TempDir Path checkpoint;

  private static String hit(String time, String endpoint) {
    return "10.0.0.1 - - [01/Jan/2024:" + time + " +0000] \"GET " + endpoint + " HTTP/1.1\" 200 10";
  }

  private JobStream start() {
    return JobStream.start(
        SparkTestSession.get(),
        "access-logs-raw",
        checkpoint,
        input ->
            TopUrlsJob.windowedHits(
                AccessLogInput.raw(input, AccessLogParser.autoDetecting()).records(),
                new WindowSpec(WINDOW, SLIDE),
                TimeMode.event,
                Duration.ofMinutes(1),
                TOP,
                4),
        batch -> WindowResults.rankedAcrossShards(BatchWatermark.handedToTasks(batch), TOP));
  }

  /** count rows as "mm:ss endpoint=hits" (window start), rank rows as "mm:ss #rank endpoint". */
  private static List<String> rows(Batch batch, String kind) {
    List<String> out = new ArrayList<>();
    for (Row r : batch.ofKind(kind)) {
      String start = ((Timestamp) r.getAs("windowStart")).toString().substring(14, 19);
      out.add(
          kind.equals("rank")
              ? start + " #" + r.getAs("rank") + " " + r.getAs("countKey")
              : start + " " + r.getAs("countKey") + "=" + r.getAs("count"));
    }
    out.sort(null);
    return out;
  }

  /**
   * The count rows ("mm:ss endpoint=hits") and rank rows ("mm:ss #rank endpoint") of the first
   * batch of a stream, from its hits (time, endpoint): every window they touch, each window's top N
   * by hits, then endpoint.
   */
  private static Map<String, List<String>> expectedRows(
      List<Map.Entry<LocalDateTime, String>> hits) {
    List<String> counts = new ArrayList<>();
    List<String> ranks = new ArrayList<>();
    new SlidingWindows(WINDOW, SLIDE)
        .counts(hits)
        .forEach(
            (start, hitsPerEndpoint) -> {
              String window = start.format(MINUTE_SECOND);
              hitsPerEndpoint.forEach((url, n) -> counts.add(window + " " + url + "=" + n));
              List<Map.Entry<String, Long>> ranked = new ArrayList<>(hitsPerEndpoint.entrySet());
              ranked.sort(
                  Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                      .thenComparing(Map.Entry.comparingByKey()));
              for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
                ranks.add(window + " #" + (i + 1) + " " + ranked.get(i).getKey());
              }
            });
    counts.sort(null);
    ranks.sort(null);
    return Map.of("count", counts, "rank", ranks);
  }

  @Test
  void shouldCountRankSetAsideAndRestartWithoutDoubleCounts() throws Exception {
    try (JobStream stream = start()) {
      LocalDateTime midnight = LocalDateTime.parse("2024-01-01T00:00:00");
      List<Map.Entry<LocalDateTime, String>> hits =
          List.of(
              Map.entry(midnight.plusSeconds(5), "/a"),
              Map.entry(midnight.plusSeconds(15), "/a"),
              Map.entry(midnight.plusSeconds(15), "/b"),
              Map.entry(midnight.plusSeconds(16), "/c"));
      for (Map.Entry<LocalDateTime, String> h : hits) {
        stream.add(hit(h.getKey().toLocalTime().toString(), h.getValue()));
      }
      Batch first = stream.add("not a log line").run();
      // Every window the hits touch (back to 23:59:40), ranked across shards: /b before /c on
      // equal hits (key order).
      assertThat(rows(first, "count"))
          .as("%s", stream)
          .containsExactlyElementsOf(expectedRows(hits).get("count"));
      assertThat(rows(first, "rank"))
          .as("%s", stream)
          .containsExactlyElementsOf(expectedRows(hits).get("rank"));
      assertThat(first.payloads("dead")).as("%s", stream).containsExactly("not a log line");
      // Its provenance: where the memory stream (shaped as Kafka's source) put it.
      assertThat(first.column("dead", "offset")).containsExactly((long) hits.size());
      assertThat(first.column("dead", "topic")).containsExactly("access-logs-raw");
      assertThat(first.ofKind("late")).isEmpty();

      stream.add(hit("00:03:00", "/z")).run(); // the watermark becomes 00:02:00
      Batch late = stream.add(hit("00:00:20", "/a")).run();
      assertThat(late.payloads("late")).as("%s", stream).containsExactly(hit("00:00:20", "/a"));
      assertThat(rows(late, "count")).as("closed windows never change").isEmpty();

      stream.restart();
      Batch afterRestart = stream.add(hit("00:03:05", "/z")).run();
      assertThat(rows(afterRestart, "count"))
          .as("%s", stream)
          .containsExactlyInAnyOrder("02:40 /z=2", "02:50 /z=2", "03:00 /z=2");
      assertThat(stream.stateRows()).as("%s", stream).isNotEmpty();
    }
  }
}
