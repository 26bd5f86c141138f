package io.kspipeline.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusExtractorTest {
  private static final String COMBINED =
      "66.249.75.159 - - [29/Nov/2015:03:50:05 +0000] \"GET /robots.txt HTTP/1.1\" 200 55"
          + " \"-\" \"Mozilla/5.0 (compatible; Googlebot/2.1)\"";

  @Test
  void shouldFindStatusAfterTheRequest() {
    assertThat(StatusExtractor.statusOf(COMBINED)).isEqualTo(200);
    assertThat(StatusExtractor.problemWith(COMBINED)).isNull();
  }

  @Test
  void shouldSkipEscapedQuotesInsideTheRequest() {
    String line = "1.2.3.4 - - [29/Nov/2015:03:50:05 +0000] \"GET /a\\\"b HTTP/1.1\" 404 -";
    assertThat(StatusExtractor.statusOf(line)).isEqualTo(404);
  }

  @Test
  void shouldCountMalformedRequestLines() {
    assertThat(StatusExtractor.statusOf("1.2.3.4 - - [29/Nov/2015:03:50:05 +0000] \"-\" 408 -"))
        .isEqualTo(408);
  }

  @Test
  void shouldExplainLinesWithoutStatus() {
    assertThat(StatusExtractor.statusOf("garbage")).isNull();
    assertThat(StatusExtractor.problemWith("garbage")).isEqualTo("no quoted request field");
    assertThat(StatusExtractor.problemWith("")).isEqualTo("empty line");
    assertThat(StatusExtractor.problemWith("h - - [d] \"GET / HTTP/1.1 200 5"))
        .isEqualTo("unterminated quoted request field");
    assertThat(StatusExtractor.problemWith("h - - [d] \"GET / HTTP/1.1\" 20x 5"))
        .isEqualTo("status is not a 3-digit number");
    assertThat(StatusExtractor.problemWith("h - - [d] \"GET / HTTP/1.1\" 2000 5"))
        .isEqualTo("status is not a 3-digit number");
  }
}
