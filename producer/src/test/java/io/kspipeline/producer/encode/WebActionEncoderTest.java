package io.kspipeline.producer.encode;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.producer.run.Encoded;
import io.kspipeline.producer.source.InputLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Web-action lines: checked, written again in the topic's one form, or dead-lettered with why. */
class WebActionEncoderTest {
  private static Encoded encode(String line) {
    return new WebActionEncoder().encode(new InputLine(line, "actions.jsonl:1"));
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void shouldWriteTheFieldsInOneOrderWithTheTimeInUtcAndKeyByUser() {
    Encoded.Record record =
        (Encoded.Record)
            encode(
                "{\"userId\": \"u7\", \"referrer\": \"ad\", \"time\": \"2026-03-01T11:30:00.250+01:00\","
                    + " \"action\": \"Open\"}");

    assertThat(text(record.key())).isEqualTo("u7");
    assertThat(text(record.value()))
        .isEqualTo("{\"action\":\"Open\",\"time\":\"2026-03-01T10:30:00.250Z\",\"userId\":\"u7\"}");
    assertThat(record.eventTime()).isEqualTo(Instant.parse("2026-03-01T10:30:00.250Z"));
  }

  @Test
  void shouldSendAnonymousActionsWithoutAKey() {
    Encoded.Record absent =
        (Encoded.Record) encode("{\"action\":\"Click\",\"time\":\"2026-03-01T10:00:00Z\"}");
    Encoded.Record none =
        (Encoded.Record)
            encode("{\"action\":\"Click\",\"time\":\"2026-03-01T10:00:00Z\",\"userId\":null}");

    for (Encoded.Record record : new Encoded.Record[] {absent, none}) {
      assertThat(record.key()).isNull();
      assertThat(text(record.value()))
          .isEqualTo("{\"action\":\"Click\",\"time\":\"2026-03-01T10:00:00Z\",\"userId\":null}");
    }
  }

  @Test
  void shouldReadEpochSecondsAsTheSeedsDataHasThem() {
    Encoded.Record record = (Encoded.Record) encode("{\"time\":1469501107,\"action\":\"Open\"}");

    assertThat(text(record.value()))
        .isEqualTo("{\"action\":\"Open\",\"time\":\"2016-07-26T02:45:07Z\",\"userId\":null}");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`  ` | empty line",
        "[1, 2] | expected a JSON object, found array",
        "{\"time\":\"2026-03-01T10:00:00Z\"} | missing \"action\"",
        "{\"action\":null,\"time\":\"2026-03-01T10:00:00Z\"} | missing \"action\"",
        "{\"action\":\" \",\"time\":\"2026-03-01T10:00:00Z\"} | \"action\" must be a non-empty string",
        "{\"action\":7,\"time\":\"2026-03-01T10:00:00Z\"} | \"action\" must be a non-empty string",
        "{\"action\":\"Open\"} | missing \"time\"",
        "{\"action\":\"Open\",\"time\":\"yesterday\"} | " + WebActionRecord.BAD_TIME,
        "{\"action\":\"Open\",\"time\":\"2026-03-01T10:00:00\"} | " + WebActionRecord.BAD_TIME,
        "{\"action\":\"Open\",\"time\":1469501107.5} | " + WebActionRecord.BAD_TIME,
        "{\"action\":\"Open\",\"time\":[]} | " + WebActionRecord.BAD_TIME,
        "{\"action\":\"Open\",\"time\":\"2026-03-01T10:00:00Z\",\"userId\":42} | \"userId\" must be a"
            + " string or null"
      })
  void shouldDeadLetterWhatIsNotAWebActionWithTheReason(String line, String reason) {
    assertThat(encode(line)).isEqualTo(new Encoded.Rejected(WebActionEncoder.ERROR_CLASS, reason));
  }

  @Test
  void shouldDeadLetterBrokenJsonAKeyTwiceAndTextAfterTheObject() {
    assertThat(encode("{\"action\": \"Open\", "))
        .isEqualTo(
            new Encoded.Rejected(
                WebActionEncoder.ERROR_CLASS,
                "bad JSON near column 20: Unexpected end-of-input within/between Object entries"));
    assertThat(
            encode("{\"action\":\"Open\",\"action\":\"Close\",\"time\":\"2026-03-01T10:00:00Z\"}"))
        .isEqualTo(
            new Encoded.Rejected(
                WebActionEncoder.ERROR_CLASS, "bad JSON near column 26: Duplicate field 'action'"));
    assertThat(encode("{\"action\":\"Open\",\"time\":\"2026-03-01T10:00:00Z\"} {}"))
        .isEqualTo(
            new Encoded.Rejected(
                WebActionEncoder.ERROR_CLASS,
                "bad JSON near column 49: Trailing token (of type START_OBJECT) found after value"));
  }
}
