package io.kspipeline.producer.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GeneratedWebActionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

  /** The generated lines as JSON. */
  private static List<JsonNode> generate(long seed, long count, double perSecond) {
    GeneratedWebActions source = new GeneratedWebActions(seed, count, START, perSecond);
    List<JsonNode> actions = new ArrayList<>();
    InputLine line;
    while ((line = source.next()) != null) {
      try {
        actions.add(JSON.readTree(line.text()));
      } catch (java.io.IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return actions;
  }

  /** Each user's actions in order, one letter each: O(pen) C(lick) S(earch) P(urchase) X(close). */
  private static Map<String, String> sessionsByUser(List<JsonNode> actions) {
    Map<String, String> letters =
        Map.of("Open", "O", "Click", "C", "Search", "S", "Purchase", "P", "Close", "X");
    Map<String, StringBuilder> byUser = new LinkedHashMap<>();
    for (JsonNode action : actions) {
      byUser
          .computeIfAbsent(action.get("userId").asText(), u -> new StringBuilder())
          .append(letters.get(action.get("action").asText()));
    }
    Map<String, String> sequences = new LinkedHashMap<>();
    byUser.forEach((user, sequence) -> sequences.put(user, sequence.toString()));
    return sequences;
  }

  private static final String SESSIONS = "(O[CS]*P?X)+";

  @Test
  void shouldGenerateTheSameActionsForTheSameSeed() {
    assertThat(generate(7, 2_000, 20))
        .isEqualTo(generate(7, 2_000, 20))
        .isNotEqualTo(generate(8, 2_000, 20));
  }

  @Test
  void shouldOpenBrowseSometimesPurchaseThenCloseEverySession() {
    List<JsonNode> actions = generate(1, 20_000, 20);

    assertThat(actions).hasSize(20_000);
    Map<String, String> sessions = sessionsByUser(actions);
    assertThat(sessions.values()).allSatisfy(s -> assertThat(s).matches(SESSIONS));
    Map<Character, Integer> counts = new HashMap<>();
    sessions.values().forEach(s -> s.chars().forEach(c -> counts.merge((char) c, 1, Integer::sum)));
    int opened = counts.get('O');
    assertThat(counts.get('X')).isEqualTo(opened);
    // About six pages per session, 7 in 10 clicks; one session in four buys.
    assertThat((counts.get('C') + counts.get('S')) / (double) opened).isBetween(5.0, 7.0);
    assertThat(counts.get('C') / (double) (counts.get('C') + counts.get('S')))
        .isBetween(0.65, 0.75);
    assertThat(counts.get('P') / (double) opened).isBetween(0.2, 0.3);
    assertThat(sessions.size()).isBetween(800, GeneratedWebActions.USERS);
  }

  @Test
  void shouldInterleaveAtMostFiftySessionsOfDifferentUsers() {
    Set<String> open = new HashSet<>();
    int most = 0;
    for (JsonNode action : generate(2, 20_000, 20)) {
      String user = action.get("userId").asText();
      switch (action.get("action").asText()) {
        case "Open" -> assertThat(open.add(user)).as("%s had no session open", user).isTrue();
        case "Close" -> assertThat(open.remove(user)).as("%s had a session open", user).isTrue();
        default -> assertThat(open).contains(user);
      }
      most = Math.max(most, open.size());
    }
    assertThat(most).isBetween(40, GeneratedWebActions.MAX_SESSIONS);
  }

  @Test
  void shouldCloseEverySessionWithinAnyCountFromTwoOn() {
    for (int count = 2; count <= 120; count++) {
      List<JsonNode> actions = generate(count, count, 20);

      assertThat(actions).as("count %d", count).hasSize(count);
      assertThat(sessionsByUser(actions).values())
          .as("count %d", count)
          .allSatisfy(s -> assertThat(s).matches(SESSIONS));
    }
    assertThat(generate(3, 1, 20))
        .extracting(a -> a.get("action").asText())
        .containsExactly("Open");
  }

  @Test
  void shouldSpaceEventTimesByTheEventTimeRate() {
    List<JsonNode> actions = generate(4, 100, 20);

    assertThat(actions)
        .extracting(a -> Instant.parse(a.get("time").asText()))
        .containsExactlyElementsOf(
            IntStream.range(0, 100).mapToObj(i -> START.plusMillis(50L * i)).toList());
  }
}
