package io.kspipeline.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.ParseOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GeneratedAccessLogsTest {
  private static List<String> generate(long seed, int count) {
    GeneratedAccessLogs source =
        new GeneratedAccessLogs(seed, count, Instant.parse("2024-01-01T00:00:00Z"), 100);
    List<String> lines = new ArrayList<>();
    InputLine line;
    while ((line = source.next()) != null) {
      lines.add(line.text());
    }
    return lines;
  }

  @Test
  void shouldGenerateTheSameLinesForTheSameSeed() {
    assertThat(generate(7, 500)).isEqualTo(generate(7, 500)).isNotEqualTo(generate(8, 500));
  }

  @Test
  void shouldMixStatusesIpv6ClientsAndAFewMalformedLines() {
    List<String> lines = generate(1, 20_000);
    assertThat(lines).hasSize(20_000);
    Map<Integer, Integer> statuses = new HashMap<>();
    int unparseable = 0;
    int ipv6 = 0;
    for (String line : lines) {
      if (AccessLogParser.autoDetecting().parse(line) instanceof ParseOutcome.Parsed parsed) {
        statuses.merge(parsed.record().status(), 1, Integer::sum);
      } else {
        unparseable++;
      }
      if (line.startsWith("2001:db8:")) {
        ipv6++;
      }
    }
    assertThat(statuses.get(200)).isGreaterThan(14_000);
    assertThat(statuses).containsKeys(304, 404, 500, 503);
    assertThat(unparseable).isBetween(10, 100);
    assertThat(ipv6).isBetween(2_000, 4_000);
  }

  @Test
  void shouldSpaceEventTimesByTheEventRate() {
    List<String> lines = generate(3, 201);
    assertThat(lines.get(0)).contains("[01/Jan/2024:00:00:00 +0000]");
    assertThat(lines.get(200)).contains("[01/Jan/2024:00:00:02 +0000]");
  }
}
