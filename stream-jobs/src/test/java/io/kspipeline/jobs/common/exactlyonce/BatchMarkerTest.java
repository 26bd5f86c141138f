package io.kspipeline.jobs.common.exactlyonce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The marker a writer commits with its batch, and the skip decision a replay takes from it. */
class BatchMarkerTest {
  private static final String RUN = "5f0c9a4e-2b1d-4c55-9d0e-7f2a51c0b8a1";

  @Test
  void shouldReadBackWhatItWrites() {
    BatchMarker marker = new BatchMarker("status-counts", RUN, 41);

    assertThat(new String(marker.encode(), StandardCharsets.UTF_8))
        .isEqualTo("v1 41 status-counts " + RUN);
    assertThat(BatchMarker.decode(marker.encode())).isEqualTo(marker);
  }

  @Test
  void shouldSkipABatchOfItsRunUpToTheMarkedOneAndWriteLaterOnes() {
    BatchMarker marker = new BatchMarker("status-counts", RUN, 41);

    assertThat(marker.covers(RUN, 41)).as("the batch replayed after a crash").isTrue();
    assertThat(marker.covers(RUN, 40)).as("an older batch").isTrue();
    assertThat(marker.covers(RUN, 42)).as("the next batch").isFalse();
  }

  @Test
  void shouldWriteBatchesOfAnotherRunWhateverTheirIds() {
    BatchMarker marker = new BatchMarker("status-counts", RUN, 41);

    assertThat(marker.covers("another-query-id", 0))
        .as("a query on a new checkpoint numbers its batches from 0 again")
        .isFalse();
  }

  @Test
  void shouldRefuseAValueThatIsNoMarker() {
    assertThatThrownBy(() -> BatchMarker.decode("hello".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a batch marker: \"hello\"");
    assertThatThrownBy(() -> BatchMarker.decode("v1 x job run".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a batch marker");
    assertThatThrownBy(() -> BatchMarker.decode(null)).hasMessageContaining("not a batch marker");
  }

  @Test
  void shouldNameWritersStablyAndSpreadKeysAmongThemTheSameWayEveryTime() {
    TransactionalKafkaWriter writer =
        new TransactionalKafkaWriter(Map.of(), "top-urls", "top-urls", 4);
    TransactionalKafkaWriter again =
        new TransactionalKafkaWriter(Map.of(), "top-urls", "top-urls", 4);

    assertThat(writer.transactionalId(3)).isEqualTo("kspipeline-top-urls-top-urls-3");
    assertThat(writer.markerTopic()).isEqualTo("top-urls-commits");
    assertThat(IntStream.range(0, 1000).map(i -> writer.writerOf(key(i))).distinct().sorted())
        .containsExactly(0, 1, 2, 3);
    assertThat(
            IntStream.range(0, 1000)
                .allMatch(i -> writer.writerOf(key(i)) == again.writerOf(key(i))))
        .isTrue();
    assertThat(writer.writerOf(null)).isZero();
  }

  @Test
  void shouldRefuseAnOutputWithoutWriters() {
    assertThatThrownBy(() -> new TransactionalKafkaWriter(Map.of(), "j", "t", 0))
        .hasMessage("an output has at least one writer, not 0");
  }

  private static byte[] key(int i) {
    return ("key-" + i).getBytes(StandardCharsets.UTF_8);
  }
}
