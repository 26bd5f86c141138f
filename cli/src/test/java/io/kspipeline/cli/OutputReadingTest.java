package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kspipeline.cli.OutputReading.OutputRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which records of an output topic state the results, per kind of topic. */
class OutputReadingTest {
  private static final List<OutputRecord> WRITTEN =
      List.of(
          record("200", "a=1"),
          record("500", "b=1"),
          record("200", "a=2"),
          record("500", "b=1"), // the same batch written again by the at-least-once sink
          record("404", "c=1"));

  @Test
  void shouldReadTheLatestValueOfEachKeyOfACompactedTopic() {
    assertThat(texts(OutputReading.LATEST_PER_KEY.stating(WRITTEN)))
        .containsExactly("a=2", "b=1", "c=1");
  }

  @Test
  void shouldReadOnlyTheLastRecordWhenEachReplacesTheOneBefore() {
    assertThat(texts(OutputReading.LAST_RECORD.stating(WRITTEN))).containsExactly("c=1");
    assertThat(OutputReading.LAST_RECORD.stating(List.of())).isEmpty();
  }

  @Test
  void shouldReadEachDistinctRecordOfALogOnce() {
    assertThat(texts(OutputReading.DISTINCT_RECORDS.stating(WRITTEN)))
        .containsExactly("a=1", "b=1", "a=2", "c=1");
    // The same value under another key is another record: a result stated twice.
    assertThat(
            texts(
                OutputReading.DISTINCT_RECORDS.stating(
                    List.of(record("in/0/1", "line"), record("in/1/1", "line")))))
        .containsExactly("line", "line");
  }

  private static OutputRecord record(String key, String value) {
    return new OutputRecord(
        key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> texts(List<byte[]> values) {
    return values.stream().map(v -> new String(v, StandardCharsets.UTF_8)).toList();
  }
}
