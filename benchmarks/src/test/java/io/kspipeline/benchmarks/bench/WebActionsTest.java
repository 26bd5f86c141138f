package io.kspipeline.benchmarks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The web actions action-counts reads in the bench: its JSON fields, at the given density. */
class WebActionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void shouldWriteTheFieldsActionCountsReadsAtTheGivenDensity() throws Exception {
    WebActions actions = new WebActions(42, START, 1_000);

    JsonNode first = JSON.readTree(actions.json(0));
    JsonNode later = JSON.readTree(actions.json(1_500));

    assertThat(first.get("time").asText()).isEqualTo("2026-12-01T10:00:00Z");
    assertThat(later.get("time").asText()).isEqualTo("2026-12-01T10:00:01.500Z");
    assertThat(later.get("action").asText())
        .isIn("Open", "Close", "Click", "Scroll", "Search", "Buy");
    assertThat(later.get("userId").asText()).matches("u\\d+");
    assertThat(later.size()).isEqualTo(3);
  }

  @Test
  void shouldGiveTheSameActionsForTheSameSeed() {
    assertThat(new WebActions(7, START, 10).json(3))
        .isEqualTo(new WebActions(7, START, 10).json(3))
        .contains("\"time\":\"2026-12-01T10:00:00.300Z\"");
  }
}
