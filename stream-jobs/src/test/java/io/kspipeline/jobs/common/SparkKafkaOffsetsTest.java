package io.kspipeline.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Spark's Kafka source offsets, and the shapes that are not. */
class SparkKafkaOffsetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void shouldReadEveryPartitionOfEveryTopic() throws Exception {
    assertThat(SparkKafkaOffsets.parse(json("{\"logs\":{\"1\":40,\"0\":12},\"tweets\":{\"0\":3}}")))
        .hasValue(
            Map.of(
                new TopicPartition("logs", 0), 12L,
                new TopicPartition("logs", 1), 40L,
                new TopicPartition("tweets", 0), 3L));
  }

  @Test
  void shouldTellOtherSourcesOffsetsApart() throws Exception {
    // A file source's offset, and values that are not partition offsets.
    assertThat(SparkKafkaOffsets.parse(json("{\"logOffset\":3}"))).isEmpty();
    assertThat(SparkKafkaOffsets.parse(json("{\"logs\":{\"zero\":1}}"))).isEmpty();
    assertThat(SparkKafkaOffsets.parse(json("{\"logs\":{\"0\":\"12\"}}"))).isEmpty();
    assertThat(SparkKafkaOffsets.parse(json("[1,2]"))).isEmpty();
    assertThat(SparkKafkaOffsets.parse(null)).isEmpty();
  }
}
