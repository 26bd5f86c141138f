package io.kspipeline.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessLogParserTest {
  private static final AccessLogParser PARSER = AccessLogParser.autoDetecting();

  static AccessLogRecord parsed(AccessLogParser parser, String line) {
    ParseOutcome outcome = parser.parse(line);
    assertThat(outcome).as(line).isInstanceOf(ParseOutcome.Parsed.class);
    return ((ParseOutcome.Parsed) outcome).record();
  }

  private static AccessLogRecord parsed(String line) {
    return parsed(PARSER, line);
  }

  @Test
  void shouldReadEveryFieldOfACombinedLine() {
    AccessLogRecord record =
        parsed(
            "66.249.75.159 - frank [29/Nov/2015:03:50:05 +0000] \"GET /robots.txt HTTP/1.1\" 200"
                + " 55 \"http://example.com/start\" \"Mozilla/5.0 (compatible; Googlebot/2.1)\"");

    assertThat(record)
        .isEqualTo(
            new AccessLogRecord(
                null,
                "66.249.75.159",
                null,
                "frank",
                Instant.parse("2015-11-29T03:50:05Z"),
                "GET",
                "/robots.txt",
                "HTTP/1.1",
                200,
                55L,
                "http://example.com/start",
                "Mozilla/5.0 (compatible; Googlebot/2.1)"));
  }

  @Test
  void shouldLeaveReferrerAndUserAgentNullOnACommonLine() {
    AccessLogRecord record =
        parsed(
            "127.0.0.1 user-identifier frank [10/Oct/2000:13:55:36 -0700] \"GET /a.gif"
                + " HTTP/1.0\" 200 2326");

    assertThat(record.ident()).isEqualTo("user-identifier");
    assertThat(record.contentSize()).isEqualTo(2326L);
    assertThat(record.referrer()).isNull();
    assertThat(record.userAgent()).isNull();
  }

  @Test
  void shouldConvertAnyOffsetToUtc() {
    assertThat(parsed("h - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 200 1").timestamp())
        .isEqualTo(Instant.parse("2000-10-10T20:55:36Z"));
    assertThat(parsed("h - - [01/Jan/2021:00:30:00 +0530] \"GET / HTTP/1.1\" 200 1").timestamp())
        .isEqualTo(Instant.parse("2020-12-31T19:00:00Z"));
    assertThat(parsed("h - - [29/Feb/2024:23:59:59 +1400] \"GET / HTTP/1.1\" 200 1").timestamp())
        .isEqualTo(Instant.parse("2024-02-29T09:59:59Z"));
  }

  @Test
  void shouldDetectAVirtualHostWithOrWithoutPort() {
    AccessLogRecord withPort =
        parsed(
            "www.example.com:443 10.0.0.1 - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/2.0\""
                + " 301 0 \"-\" \"curl/8.0\"");
    AccessLogRecord hostOnly =
        parsed(
            "shop.example.com 10.0.0.1 - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200"
                + " 10");

    assertThat(withPort.virtualHost()).isEqualTo("www.example.com:443");
    assertThat(withPort.clientIp()).isEqualTo("10.0.0.1");
    assertThat(withPort.protocol()).isEqualTo("HTTP/2.0");
    assertThat(hostOnly.virtualHost()).isEqualTo("shop.example.com");
    assertThat(hostOnly.clientIp()).isEqualTo("10.0.0.1");
  }

  @Test
  void shouldAcceptIpv6AndHostNameClients() {
    assertThat(
            parsed(
                    "2001:db8::ff00:42:8329 - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\""
                        + " 200 1")
                .clientIp())
        .isEqualTo("2001:db8::ff00:42:8329");
    assertThat(
            parsed(
                    "crawler-1.example.net - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\""
                        + " 200 1")
                .clientIp())
        .isEqualTo("crawler-1.example.net");
    assertThat(parsed("vhost:80 ::1 - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 1"))
        .extracting(AccessLogRecord::virtualHost, AccessLogRecord::clientIp)
        .containsExactly("vhost:80", "::1");
  }

  @Test
  void shouldKeepTheStatusOfALineWithoutARequest() {
    AccessLogRecord timeout = parsed("10.1.1.1 - - [26/Dec/2016:14:16:29 +0000] \"-\" 408 -");

    assertThat(timeout.status()).isEqualTo(408);
    assertThat(timeout.method()).isNull();
    assertThat(timeout.endpoint()).isNull();
    assertThat(timeout.protocol()).isNull();
    assertThat(timeout.contentSize()).isNull();
  }

  @Test
  void shouldKeepTheStatusOfALineWithAGarbageRequest() {
    AccessLogRecord tlsOnPlainPort =
        parsed(
            "10.1.1.1 - - [26/Dec/2016:14:16:29 +0000] \"\\x16\\x03\\x01\\x00\\xa5\" 400 226"
                + " \"-\" \"-\"");

    assertThat(tlsOnPlainPort.status()).isEqualTo(400);
    assertThat(tlsOnPlainPort.method()).isNull();
    assertThat(tlsOnPlainPort.endpoint()).isNull();
    assertThat(tlsOnPlainPort.protocol()).isNull();
    assertThat(tlsOnPlainPort.userAgent()).isNull();
  }

  @Test
  void shouldTreatLowerCaseOrEmptyMethodsAsMalformedRequests() {
    assertThat(parsed("h - - [26/Dec/2016:14:16:29 +0000] \"get / HTTP/1.1\" 400 1").method())
        .isNull();
    assertThat(parsed("h - - [26/Dec/2016:14:16:29 +0000] \"\" 400 1").endpoint()).isNull();
    assertThat(parsed("h - - [26/Dec/2016:14:16:29 +0000] \"GET\" 400 1").endpoint()).isNull();
  }

  @Test
  void shouldReadAnHttp09RequestWithoutProtocol() {
    AccessLogRecord record = parsed("h - - [26/Dec/2016:14:16:29 +0000] \"GET /old\" 200 1");

    assertThat(record.method()).isEqualTo("GET");
    assertThat(record.endpoint()).isEqualTo("/old");
    assertThat(record.protocol()).isNull();
  }

  @Test
  void shouldKeepSpacesInsideATargetBetweenMethodAndProtocol() {
    AccessLogRecord record =
        parsed("h - - [26/Dec/2016:14:16:29 +0000] \"GET /a b c HTTP/1.1\" 400 1");

    assertThat(record.endpoint()).isEqualTo("/a b c");
    assertThat(record.protocol()).isEqualTo("HTTP/1.1");
  }

  @Test
  void shouldUnescapeQuotesAndBackslashesInQuotedFields() {
    AccessLogRecord record =
        parsed(
            "h - - [26/Dec/2016:14:16:29 +0000] \"GET /q?s=\\\"x\\\" HTTP/1.1\" 200 1"
                + " \"-\" \"agent \\\"quoted\\\" \\\\ \\x41\"");

    assertThat(record.endpoint()).isEqualTo("/q?s=\"x\"");
    assertThat(record.userAgent()).isEqualTo("agent \"quoted\" \\ \\x41");
  }

  @Test
  void shouldIgnoreTrailingFields() {
    AccessLogRecord nginxForwarded =
        parsed(
            "h - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"ua\""
                + " \"203.0.113.9\" rt=0.004");
    AccessLogRecord commonWithTiming =
        parsed("h - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 5 1234");

    assertThat(nginxForwarded.userAgent()).isEqualTo("ua");
    assertThat(commonWithTiming.contentSize()).isEqualTo(5L);
    assertThat(commonWithTiming.userAgent()).isNull();
  }

  @Test
  void shouldAcceptAReferrerWithoutUserAgent() {
    AccessLogRecord record =
        parsed("h - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 5 \"http://r/\"");

    assertThat(record.referrer()).isEqualTo("http://r/");
    assertThat(record.userAgent()).isNull();
  }

  @Test
  void shouldKeepEmptyQuotedFieldsApartFromDash() {
    AccessLogRecord record =
        parsed("h - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 5 \"\" \"-\"");

    assertThat(record.referrer()).isEmpty();
    assertThat(record.userAgent()).isNull();
  }

  @Test
  void shouldReadNonStandardStatusesAndHugeSizes() {
    assertThat(parsed("h - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 499 0").status())
        .isEqualTo(499);
    assertThat(
            parsed("h - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 999999999999999999")
                .contentSize())
        .isEqualTo(999_999_999_999_999_999L);
  }

  @Test
  void shouldReturnSharedConstantsForCommonMethodsAndProtocols() {
    AccessLogRecord record =
        parsed("h - - [26/Dec/2016:14:16:29 +0000] \"POST /form HTTP/1.1\" 200 1");

    assertThat(record.method()).isSameAs("POST");
    assertThat(record.protocol()).isSameAs("HTTP/1.1");
  }

  @Test
  void shouldReadNonAsciiText() {
    AccessLogRecord record =
        parsed(
            "h - - [26/Dec/2016:14:16:29 +0000] \"GET /café/日本 HTTP/1.1\" 200 1 \"-\""
                + " \"Агент 😀\"");

    assertThat(record.endpoint()).isEqualTo("/café/日本");
    assertThat(record.userAgent()).isEqualTo("Агент 😀");
  }

  @Test
  void shouldParseTheSameAfterJavaSerialization() throws Exception {
    String line = "v:80 h - - [26/Dec/2016:14:16:29 +0000] \"GET / HTTP/1.1\" 200 1";
    for (AccessLogParser parser :
        new AccessLogParser[] {PARSER, AccessLogParser.forLogFormat("combined")}) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(parser);
      }
      AccessLogParser copy;
      try (ObjectInputStream in =
          new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
        copy = (AccessLogParser) in.readObject();
      }
      assertThat(copy.parse(line)).isEqualTo(parser.parse(line));
    }
  }

  @Test
  void shouldBeTheSameParserEveryTime() {
    assertThat(AccessLogParser.autoDetecting()).isSameAs(AccessLogParser.autoDetecting());
  }
}
