package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifyTallyTest {
  @Test
  void shouldCountMissingUnitsAsLostAndExtraUnitsAsDuplicatedPerKey() {
    VerifyTally tally =
        VerifyTally.compare(
            Map.of("200", 5L, "404", 2L, "500", 1L), Map.of("200", 7L, "404", 1L, "301", 3L));

    assertThat(tally).isEqualTo(new VerifyTally(2, 5));
  }

  @Test
  void shouldFindNothingWhenTheResultEqualsTheTruth() {
    assertThat(VerifyTally.compare(Map.of("spark", 3L), Map.of("spark", 3L)))
        .isEqualTo(new VerifyTally(0, 0));
  }
}
