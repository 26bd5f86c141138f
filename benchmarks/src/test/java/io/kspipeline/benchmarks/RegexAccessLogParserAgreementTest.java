package io.kspipeline.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.AccessLogRecord;
import io.kspipeline.core.logs.ParseOutcome;
import org.junit.jupiter.api.Test;

/** The benchmark is fair only if both parsers do the same work: same lines, same records. */
class RegexAccessLogParserAgreementTest {
  private final AccessLogParser handWritten = AccessLogParser.autoDetecting();
  private final RegexAccessLogParser regex = new RegexAccessLogParser();

  @Test
  void shouldReadTheBenchmarkLinesIntoTheSameRecords() {
    for (long seed : new long[] {20161226L, 1L, 2L}) {
      for (String line : SampleLines.generate(AccessLogParserBenchmark.LINES, seed)) {
        AccessLogRecord expected = regex.parse(line);
        assertThat(expected).as(line).isNotNull();
        assertThat(handWritten.parse(line)).as(line).isEqualTo(new ParseOutcome.Parsed(expected));
      }
    }
  }

  @Test
  void shouldCoverEveryKindOfLineInTheMix() {
    String[] lines = SampleLines.generate(AccessLogParserBenchmark.LINES, 20161226L);

    assertThat(lines)
        .anyMatch(l -> l.startsWith("www.example.com"))
        .anyMatch(l -> l.startsWith("2001:db8::"))
        .anyMatch(l -> l.contains("\"-\" 408 -"))
        .anyMatch(l -> l.contains("\\x16"))
        .anyMatch(l -> l.contains("\\\"quotes\\\""))
        .anyMatch(l -> !l.endsWith("\""));
  }

  @Test
  void shouldAgreeOnHandPickedEdgeLines() {
    String[] lines = {
      "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 2326"
          + " \"http://www.example.com/start.html\" \"Mozilla/4.08 [en] (Win98; I ;Nav)\"",
      "vhost:8080 ::1 - - [29/Feb/2024:23:59:59 +1400] \"GET /a\\\"b HTTP/1.1\" 404 -",
      "h - - [26/Dec/2016:14:16:29 +0000] \"GET /old\" 200 1 \"-\" \"ua\" \"extra\" rt=0.1",
      "h - - [26/Dec/2016:14:16:29 +0000] \"GET /a b HTTP/1.1\" 400 0 \"\\\\\"",
    };
    for (String line : lines) {
      assertThat(handWritten.parse(line))
          .as(line)
          .isEqualTo(new ParseOutcome.Parsed(regex.parse(line)));
    }
  }
}
