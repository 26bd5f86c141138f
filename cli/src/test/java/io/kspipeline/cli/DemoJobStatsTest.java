package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DemoJobStatsTest {
  @Test
  void shouldReadTheOffsetsOfSparksKafkaSourceProgress() {
    assertThat(DemoJobStats.kafkaOffsets("{\"tweets\":{\"0\":12,\"1\":40},\"logs\":{\"3\":7}}"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                new TopicPartition("tweets", 0), 12L,
                new TopicPartition("tweets", 1), 40L,
                new TopicPartition("logs", 3), 7L));
  }

  @Test
  void shouldReadNoOffsetsFromOtherSources() {
    assertThat(DemoJobStats.kafkaOffsets(null)).isEmpty();
    assertThat(DemoJobStats.kafkaOffsets("{\"logOffset\":4}")).isEmpty();
    assertThat(DemoJobStats.kafkaOffsets("not json")).isEmpty();
  }

  @Test
  void shouldTakeTheNearestRankNinetyNinthPercentile() {
    List<Long> hundred = new ArrayList<>();
    for (long i = 100; i >= 1; i--) {
      hundred.add(i);
    }
    assertThat(DemoJobStats.p99(hundred)).isEqualTo(99);
    hundred.add(5_000L);
    assertThat(DemoJobStats.p99(hundred)).isEqualTo(100);
    assertThat(DemoJobStats.p99(List.of(7L))).isEqualTo(7);
    assertThat(DemoJobStats.p99(new ArrayList<>())).isZero();
  }
}
