package io.kspipeline.jobs.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.jobs.SparkTestSession;
import io.kspipeline.jobs.structured.input.AccessLogInput;
import io.kspipeline.testsupport.stream.Batch;
import io.kspipeline.testsupport.stream.JobStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * error-alerts' one pass over its input without a broker: in each batch, alerts (kind event) and
 * dead letters (kind dead) come out of the same query, and a restart resumes after the records
 * already alerted on.
 */
class ErrorAlertsStreamTest {
  @TempDir Path checkpoint;

  private static String request(long second, String endpoint, int status) {
    return "10.0.0.1 - - [26/Dec/2016:14:16:"
        + String.format("%02d", second)
        + " +0000] \"GET "
        + endpoint
        + " HTTP/1.1\" "
        + status
        + " 10";
  }

  @Test
  void shouldAlertAndDeadLetterInOnePassAndResumeAfterRestart() throws Exception {
    try (JobStream stream =
        JobStream.start(
            SparkTestSession.get(),
            "access-logs-raw",
            checkpoint,
            input ->
                ErrorAlertsJob.alertsAndDeadLetters(
                    AccessLogInput.raw(input, AccessLogParser.autoDetecting()).records(),
                    true,
                    "(?i)wp-login"),
            batch -> batch)) {
      Batch first =
          stream
              .add(
                  request(1, "/index.html", 200),
                  request(2, "/index.html", 502),
                  request(3, "/wp-login.php", 404),
                  "garbage")
              .run();
      assertThat(first.column("event", "reason"))
          .as("%s", stream)
          .containsExactly(ErrorAlertsJob.SERVER_ERROR, ErrorAlertsJob.MATCH_PREFIX + "endpoint");
      assertThat(first.column("event", "sourceOffset")).containsExactly(1L, 2L);
      assertThat(first.payloads("dead")).as("%s", stream).containsExactly("garbage");
      assertThat(first.column("dead", "errorClass")).containsExactly("AccessLogParseError");
      assertThat(first.column("dead", "offset")).as("its provenance").containsExactly(3L);

      stream.restart();
      Batch afterRestart = stream.add(request(4, "/x", 500)).run();
      assertThat(afterRestart.column("event", "sourceOffset"))
          .as("only the new record: %s", stream)
          .containsExactly(4L);
      assertThat(afterRestart.ofKind("dead")).isEmpty();
    }
  }
}
