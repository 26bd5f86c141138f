package io.kspipeline.jobs.dstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kspipeline.core.logs.AccessLogEvents;
import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.ParseOutcome;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.RegistryClientConfig;
import io.kspipeline.schemas.registry.SchemaRegistryUnreachableException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

  @Test
  void shouldFailOnARegistryThatCannotBeReachedRatherThanRejectTheRecord() {
    // A Confluent frame of schema id 7, from a registry where nothing listens.
    byte[] frame = {0, 0, 0, 0, 7, 2, 4};
    SourceRecord framed = new SourceRecord("tweets", 0, 1, 0, null, frame);
    Map<String, String> unreachable =
        Map.of(
            RegistryClientConfig.URL, "http://127.0.0.1:1",
            RegistryClientConfig.MAX_RETRIES, "0");

    assertThatThrownBy(() -> RecordDecoders.hashtags(unreachable).call(framed))
        .isInstanceOf(SchemaRegistryUnreachableException.class);
  }

  @Test
  void shouldRejectARecordWhoseSchemaTheRegistryDoesNotHave() throws Exception {
    byte[] frame = {0, 0, 0, 0, 7, 2, 4};
    SourceRecord framed = new SourceRecord("tweets", 0, 1, 0, null, frame);
    Map<String, String> empty = Map.of(RegistryClientConfig.URL, "mock://record-decoders-test");

    KeyedRecord decoded = RecordDecoders.hashtags(empty).call(framed);

    assertThat(decoded.isRejected()).isTrue();
    assertThat(decoded.error()).contains("7");
  }

  private static SourceRecord record(String line) {
    return new SourceRecord("raw", 0, 1, 0, null, line.getBytes(StandardCharsets.UTF_8));
  }
}
