package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.logs.AccessLogEvents;
import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.ParseOutcome;
import io.kspipeline.schemas.avro.AccessLogEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What error-lines forwards: lines as logged, matched as the seed's filter does. */
class RecordDecodersTest {
  private static final String LINE =
      "203.0.113.9 - bob [26/Dec/2016:14:16:00 +0000] \"GET /api/v1/items?id=7 HTTP/1.1\" 503 19"
          + " \"https://example.com/\" \"curl/8.0\"";

  @Test
  void shouldWriteAServerErrorEventBackAsItsCombinedLogLine() {
    ParseOutcome outcome = AccessLogParser.autoDetecting().parse(LINE);
    AccessLogEvent event = AccessLogEvents.toAvro(((ParseOutcome.Parsed) outcome).record());

    assertThat(RecordDecoders.logLine(event)).isEqualTo(LINE);
  }

  @Test
  void shouldKeepLinesContainingTheMatchWithOrWithoutCase() throws Exception {
    SourceRecord error = record("[error] disk full");
    SourceRecord upper = record("ERROR: disk full");

    assertThat(RecordDecoders.matchingLines("error", false).call(error).keys())
        .containsExactly("[error] disk full");
    assertThat(RecordDecoders.matchingLines("error", false).call(upper).keys()).isEmpty();
    assertThat(RecordDecoders.matchingLines("error", true).call(upper).keys())
        .containsExactly("ERROR: disk full");
  }

  private static SourceRecord record(String line) {
    return new SourceRecord("raw", 0, 1, 0, null, line.getBytes(StandardCharsets.UTF_8));
  }
}
