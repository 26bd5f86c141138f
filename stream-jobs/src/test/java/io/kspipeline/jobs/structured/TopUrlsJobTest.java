package io.kspipeline.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.structured.input.AccessLogInput;
import io.kspipeline.jobs.structured.windows.TimeMode;
import io.kspipeline.jobs.structured.windows.WindowResults;
import io.kspipeline.jobs.structured.windows.WindowSpec;
import io.kspipeline.testsupport.stream.Batch;
import io.kspipeline.testsupport.stream.JobStream;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
                new WindowSpec(Duration.ofSeconds(30), Duration.ofSeconds(10)),
                TimeMode.event,
                Duration.ofMinutes(1),
                TOP,
                4),
        batch -> WindowResults.rankedAcrossShards(batch, TOP));
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

  @Test
  void shouldCountRankSetAsideAndRestartWithoutDoubleCounts() throws Exception {
    try (JobStream stream = start()) {
      Batch first =
          stream
              .add(
                  hit("00:00:05", "/a"),
                  hit("00:00:15", "/a"),
                  hit("00:00:15", "/b"),
                  hit("00:00:16", "/c"),
                  "not a log line")
              .run();
      assertThat(rows(first, "count"))
          .as("%s", stream)
          .contains("00:00 /a=2", "00:00 /b=1", "00:00 /c=1", "00:10 /a=1", "59:40 /a=1");
      // Ranked across shards: /a first, then /b before /c on equal counts (key order).
      assertThat(rows(first, "rank"))
          .as("%s", stream)
          .contains("00:00 #1 /a", "00:00 #2 /b", "00:10 #1 /a", "00:10 #2 /b")
          .doesNotContain("00:00 #3 /c");
      assertThat(first.payloads("dead")).as("%s", stream).containsExactly("not a log line");
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
