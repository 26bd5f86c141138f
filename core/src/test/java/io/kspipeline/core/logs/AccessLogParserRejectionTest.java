package io.kspipeline.core.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AccessLogParserRejectionTest {
  private static final AccessLogParser PARSER = AccessLogParser.autoDetecting();
  private static final String PREFIX = "192.168.0.1 - - ";

  private static String reason(String line) {
    ParseOutcome outcome = PARSER.parse(line);
    assertThat(outcome).as(line).isInstanceOf(ParseOutcome.Rejected.class);
    return ((ParseOutcome.Rejected) outcome).reason();
  }

  @Test
  void shouldRejectEmptyAndBlankLines() {
    assertThat(reason("")).isEqualTo("empty line");
    assertThat(reason("   \t")).isEqualTo("empty line");
    assertThat(PARSER.parse(null)).isEqualTo(new ParseOutcome.Rejected("empty line"));
  }

  @Test
  void shouldRejectBadStatusWithItsColumn() {
    String line = PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 2x0 5";

    assertThat(reason(line)).isEqualTo("bad status at column 63: \"2x0\"");
    assertThat(line.indexOf("2x0") + 1).isEqualTo(63);
  }

  @Test
  void shouldRejectStatusesThatAreNotThreeDigits() {
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 2000 5"))
        .isEqualTo("bad status at column 63: \"2000\"");
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 099 5"))
        .isEqualTo("bad status at column 63: \"099\"");
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" - 5"))
        .isEqualTo("bad status at column 63: \"-\"");
  }

  @Test
  void shouldRejectBadMonthWithItsColumn() {
    assertThat(reason(PREFIX + "[26/Dez/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 5"))
        .isEqualTo("bad month at column 21: \"Dez\"");
    assertThat(reason(PREFIX + "[26/dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 5"))
        .isEqualTo("bad month at column 21: \"dec\"");
  }

  @Test
  void shouldRejectBadDateWithItsColumn() {
    assertThat(reason(PREFIX + "[31/Feb/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 5"))
        .isEqualTo("bad date at column 18: \"31/Feb/2016:14:16:29 +0000\"");
    assertThat(reason(PREFIX + "[26/Dec/2016:24:00:00 +0000] \"GET / HTTP/1.1\" 200 5"))
        .isEqualTo("bad date at column 18: \"26/Dec/2016:24:00:00 +0000\"");
    assertThat(reason(PREFIX + "[2016-12-26T14:16:29Z] \"GET / HTTP/1.1\" 200 5"))
        .isEqualTo("bad date at column 18: \"2016-12-26T14:16:29Z\"");
    assertThat(reason(PREFIX + "[6/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 5"))
        .startsWith("bad date at column 18: ");
    assertThat(reason(PREFIX + "[29/Feb/2015:14:16:29 +0000] \"GET / HTTP/1.1\" 200 5"))
        .startsWith("bad date at column 18: ");
  }

  @Test
  void shouldRejectBadOffsetWithItsColumn() {
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +2500] \"GET / HTTP/1.1\" 200 5"))
        .isEqualTo("bad offset at column 39: \"+2500\"");
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 0000] \"GET / HTTP/1.1\" 200 5"))
        .startsWith("bad date at column 18: ");
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 *0100] \"GET / HTTP/1.1\" 200 5"))
        .isEqualTo("bad offset at column 39: \"*0100\"");
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0160] \"GET / HTTP/1.1\" 200 5"))
        .isEqualTo("bad offset at column 39: \"+0160\"");
  }

  @Test
  void shouldRejectAMissingOrUnterminatedTimestamp() {
    assertThat(reason(PREFIX + "26/Dec/2016:14:16:29 +0000 \"GET / HTTP/1.1\" 200 5"))
        .isEqualTo("expected '[' before the timestamp at column 17: \"26/Dec/2016:14:16:29\"");
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0000 \"GET / HTTP/1.1\" 200 5"))
        .isEqualTo("unterminated timestamp at column 17");
  }

  @Test
  void shouldRejectUnterminatedQuoteWithTheColumnItOpens() {
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1 200 5"))
        .isEqualTo("unterminated quoted field at column 46");
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"ua"))
        .isEqualTo("unterminated quoted field at column 73");
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET /\\\" 200 5"))
        .isEqualTo("unterminated quoted field at column 46");
  }

  @Test
  void shouldRejectAnUnquotedRequest() {
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0000] GET / HTTP/1.1 200 5"))
        .isEqualTo("expected '\"' before the request at column 46: \"GET\"");
  }

  @Test
  void shouldRejectBadContentSize() {
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 12k"))
        .isEqualTo("bad content size at column 67: \"12k\"");
    assertThat(
            reason(
                PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 9999999999999999999"))
        .isEqualTo("bad content size at column 67: \"9999999999999999999\"");
  }

  @Test
  void shouldRejectTruncatedLinesNamingTheMissingField() {
    assertThat(reason("192.168.0.1")).isEqualTo("line ends at column 12, before the ident");
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0000]"))
        .isEqualTo("line ends at column 45, before the request");
    assertThat(reason(PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200"))
        .isEqualTo("line ends at column 66, before the content size");
  }

  @Test
  void shouldRejectDoubleSpacesAsAMissingField() {
    assertThat(reason("192.168.0.1  - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 5"))
        .isEqualTo("missing ident at column 13");
  }

  @Test
  void shouldRejectBinaryGarbage() {
    assertThat(reason("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u00a1\u0003\u0003"))
        .startsWith("line ends at column 11");
    assertThat(reason("\u0000\u0000 \u0001 \u0002 [\u0003\u0004 \u0005]"))
        .startsWith("bad date at column 9");
  }

  @Test
  void shouldRejectAOneMebibyteLineQuicklyWithAShortReason() {
    String huge = PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET /" + "a".repeat(1 << 20);

    String reason =
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> reason(huge + " HTTP/1.1\" 2"));

    assertThat(reason).isEqualTo("bad status at column " + (huge.length() + 12) + ": \"2\"");
    assertThat(reason(huge)).isEqualTo("unterminated quoted field at column 46");
    assertThat(reason("x".repeat(1 << 20) + " - - [x"))
        .isEqualTo("unterminated timestamp at column 1048582");
  }

  @Test
  void shouldParseAOneMebibyteRequestQuickly() {
    String endpoint = "/" + "a".repeat(1 << 20);
    String line = PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET " + endpoint + " HTTP/1.1\" 414 0";

    ParseOutcome outcome =
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> PARSER.parse(line));

    assertThat(((ParseOutcome.Parsed) outcome).record().endpoint()).isEqualTo(endpoint);
  }

  @Test
  void shouldShortenLongExcerptsInReasons() {
    String reason =
        reason(PREFIX + "[26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 " + "9x".repeat(100));

    assertThat(reason).isEqualTo("bad content size at column 67: \"" + "9x".repeat(20) + "…\"");
  }
}
