package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the events of a bounce run are spread over the leader kills. */
class LeaderBouncesTest {
  @Test
  void shouldSplitTheEventsInOrderIntoOnePartBeforeTheKillsAndOnePerKill() {
    List<VerifyEvents.Event> events =
        IntStream.range(0, 10)
            .mapToObj(i -> VerifyEvents.Event.text("e" + i, "line " + i))
            .toList();

    List<List<VerifyEvents.Event>> parts = LeaderBounces.split(events, 2);

    assertThat(parts).hasSize(3);
    assertThat(parts).allSatisfy(part -> assertThat(part).isNotEmpty());
    assertThat(parts.stream().flatMap(List::stream).toList()).isEqualTo(events);
  }
}
