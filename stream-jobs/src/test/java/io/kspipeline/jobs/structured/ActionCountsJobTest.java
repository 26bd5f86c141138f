package io.kspipeline.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.common.BatchWatermark;
import io.kspipeline.jobs.structured.windows.WindowResults;
import io.kspipeline.jobs.structured.windows.WindowSpec;
import io.kspipeline.testsupport.stream.Batch;
import io.kspipeline.testsupport.stream.JobStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * action-counts' pipeline without a broker (1 h windows, 10 min watermark): counts per action and
 * hour, bad JSON dead-lettered with its reason by the same query, late actions set aside, and a
 * restart that continues the counts.
 */
class ActionCountsJobTest {
  @TempDir Path checkpoint;

  private static String action(String action, String time) {
    return "{\"action\":\""
        + action
        + "\",\"time\":\"2024-01-01T"
        + time
        + "Z\",\"userId\":\"u1\"}";
  }

  private JobStream start() {
    return JobStream.start(
        SparkTestSession.get(),
        "web-actions",
        checkpoint,
        input ->
            ActionCountsJob.windowedActions(
                input,
                new WindowSpec(Duration.ofHours(1), Duration.ofHours(1)),
                Duration.ofMinutes(10),
                4),
        batch -> WindowResults.rankedAcrossShards(BatchWatermark.handedToTasks(batch), 0));
  }

  /** "HH action=count" by window start hour. */
  private static List<String> counts(Batch batch) {
    List<String> out = new ArrayList<>();
    for (Row r : batch.ofKind("count")) {
      out.add(
          r.getAs("windowStart").toString().substring(11, 13)
              + " "
              + r.getAs("countKey")
              + "="
              + r.getAs("count"));
    }
    out.sort(null);
    return out;
  }

  @Test
  void shouldCountActionsPerHourDeadLetterBadJsonAndRestart() throws Exception {
    try (JobStream stream = start()) {
      Batch first =
          stream
              .add(
                  action("Open", "00:10:00"),
                  action("Open", "00:20:00"),
                  action("Close", "00:30:00"),
                  "{\"action\": ",
                  "{\"action\":\"Open\"}")
              .run();
      assertThat(counts(first)).as("%s", stream).containsExactly("00 Close=1", "00 Open=2");
      assertThat(first.column("dead", "error"))
          .as("%s", stream)
          .containsExactlyInAnyOrder(ActionCountsJob.MALFORMED, "missing \"time\"");

      stream.add(action("Open", "02:00:00")).run(); // the watermark becomes 01:50
      Batch late = stream.add(action("Open", "00:40:00")).run();
      assertThat(late.payloads("late"))
          .as("%s", stream)
          .containsExactly(action("Open", "00:40:00"));

      stream.restart();
      Batch afterRestart = stream.add(action("Open", "02:30:00")).run();
      assertThat(counts(afterRestart)).as("%s", stream).containsExactly("02 Open=2");
    }
  }
}
