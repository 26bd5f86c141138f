package io.kspipeline.core.logs;

import static io.kspipeline.core.logs.AccessLogParserTest.parsed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AccessLogParserLogFormatTest {
  private static final String COMMON_LINE =
      "10.0.0.1 - alice [26/Dec/2016:14:16:29 +0100] \"GET /a HTTP/1.1\" 200 512";
  private static final String COMBINED_LINE = COMMON_LINE + " \"http://r/\" \"curl/8.0\"";

  private static String rejection(AccessLogParser parser, String line) {
    ParseOutcome outcome = parser.parse(line);
    assertThat(outcome).as(line).isInstanceOf(ParseOutcome.Rejected.class);
    return ((ParseOutcome.Rejected) outcome).reason();
  }

  @Test
  void shouldReadTheCommonFormatByName() {
    AccessLogRecord record = parsed(AccessLogParser.forLogFormat("common"), COMMON_LINE);

    assertThat(record.userId()).isEqualTo("alice");
    assertThat(record.timestamp()).isEqualTo(Instant.parse("2016-12-26T13:16:29Z"));
    assertThat(record.contentSize()).isEqualTo(512L);
  }

  @Test
  void shouldRequireReferrerAndAgentWithTheCombinedFormat() {
    AccessLogParser combined = AccessLogParser.forLogFormat("combined");

    assertThat(parsed(combined, COMBINED_LINE).userAgent()).isEqualTo("curl/8.0");
    assertThat(rejection(combined, COMMON_LINE))
        .isEqualTo("line ends at column 72, before the referrer");
  }

  @Test
  void shouldJoinVirtualHostAndPortOfVhostCombined() {
    AccessLogRecord record =
        parsed(
            AccessLogParser.forLogFormat("vhost_combined"), "shop.example:8443 " + COMBINED_LINE);

    assertThat(record.virtualHost()).isEqualTo("shop.example:8443");
    assertThat(record.clientIp()).isEqualTo("10.0.0.1");
    assertThat(record.contentSize()).as("%O stands in for the missing %b").isEqualTo(512L);
  }

  @Test
  void shouldReadAFormatPastedFromHttpdConfWithEscapedQuotes() {
    AccessLogParser parser =
        AccessLogParser.forLogFormat("%h %l %u %t \\\"%r\\\" %>s %b \\\"%{Referer}i\\\"");

    assertThat(parsed(parser, COMMON_LINE + " \"http://r/\"").referrer()).isEqualTo("http://r/");
  }

  @Test
  void shouldSkipDirectivesThatAreNotRecordFields() {
    AccessLogParser parser =
        AccessLogParser.forLogFormat(
            "%a %l %u %t \"%r\" %>s %B %D %T \"%{X-Forwarded-For}i\" %I %O \"%{User-agent}i\" %p");

    AccessLogRecord record =
        parsed(parser, COMMON_LINE + " 1042 0 \"203.0.113.5, 10.0.0.2\" 321 840 \"ua\" 443");

    assertThat(record.contentSize()).isEqualTo(512L);
    assertThat(record.userAgent()).isEqualTo("ua");
    assertThat(record.virtualHost()).as("a port without a host name").isNull();
  }

  @Test
  void shouldBuildTheRequestFromMethodPathAndProtocolDirectives() {
    AccessLogParser parser = AccessLogParser.forLogFormat("%h [%m %U %H] %t %s");

    AccessLogRecord record = parsed(parser, "h [PUT /x HTTP/1.1] [26/Dec/2016:14:16:29 +0000] 201");

    assertThat(record.method()).isEqualTo("PUT");
    assertThat(record.endpoint()).isEqualTo("/x");
    assertThat(record.protocol()).isEqualTo("HTTP/1.1");
    assertThat(record.status()).isEqualTo(201);
  }

  @Test
  void shouldUseTheFirstDirectiveWhenTwoFeedOneField() {
    AccessLogParser parser = AccessLogParser.forLogFormat("%h %a %t %>s %s");

    AccessLogRecord record = parsed(parser, "proxy 10.0.0.9 [26/Dec/2016:14:16:29 +0000] 502 200");

    assertThat(record.clientIp()).isEqualTo("proxy");
    assertThat(record.status()).isEqualTo(502);
  }

  @Test
  void shouldMatchLiteralTextAndPercentSigns() {
    AccessLogParser parser = AccessLogParser.forLogFormat("client=%h time=%t status=%>s 100%%");

    assertThat(
            parsed(parser, "client=h time=[26/Dec/2016:14:16:29 +0000] status=204 100%").status())
        .isEqualTo(204);
    assertThat(rejection(parser, "client=h time=[26/Dec/2016:14:16:29 +0000] code=204"))
        .isEqualTo("expected \" status=\" before the status at column 43: \" code=204\"");
  }

  @Test
  void shouldAcceptStatusConditionsAndTheOriginalStatusModifier() {
    AccessLogParser parser = AccessLogParser.forLogFormat("%h %t %<s %400,501{User-agent}i");

    assertThat(parsed(parser, "h [26/Dec/2016:14:16:29 +0000] 404 -").userAgent()).isNull();
  }

  @Test
  void shouldRejectAnUnknownDirectiveWhenConstructed() {
    assertThatThrownBy(() -> AccessLogParser.forLogFormat("%h %t %>s %Z"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown LogFormat directive %Z at position 11 in LogFormat \"%h %t %>s %Z\"");
  }

  @Test
  void shouldRejectFormatsItCannotReadWhenConstructed() {
    assertThatThrownBy(() -> AccessLogParser.forLogFormat("%h %{%Y-%m-%d}t %>s"))
        .hasMessageStartingWith("custom time format %{%Y-%m-%d}t is not supported");
    assertThatThrownBy(() -> AccessLogParser.forLogFormat("%h%l %t %>s"))
        .hasMessageStartingWith("directives %h and %l need text between them");
    assertThatThrownBy(() -> AccessLogParser.forLogFormat("%h %l %u"))
        .hasMessageStartingWith("LogFormat needs %t and %>s");
    assertThatThrownBy(() -> AccessLogParser.forLogFormat("%h %t %>s %{Referer"))
        .hasMessageStartingWith("unterminated %{...} at position 11");
    assertThatThrownBy(() -> AccessLogParser.forLogFormat("%h %t %>s %"))
        .hasMessageStartingWith("incomplete directive at position 11");
    assertThatThrownBy(() -> AccessLogParser.forLogFormat("%h %t %>s %i"))
        .hasMessageStartingWith("%i needs a header name");
    assertThatThrownBy(() -> AccessLogParser.forLogFormat("  ")).hasMessage("empty LogFormat");
    // Found by fuzzing: threw StringIndexOutOfBoundsException instead.
    assertThatThrownBy(() -> AccessLogParser.forLogFormat("%h %t %>s %^%{x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("%^ needs a %{VARNAME} before it, at position 11");
  }
}
