package io.kspipeline.jobs.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka source offsets as Spark writes them in a checkpoint's offset log and in progress reports:
 * {@code {"topic":{"0":12,"1":40}}}, one object per topic, partitions by number.
 */
public final class SparkKafkaOffsets {
  private SparkKafkaOffsets() {}

  /**
   * The offset of each partition, in the order Spark wrote them; empty when {@code offsets} is not
   * of that shape (a file source's offset, for one).
   */
  public static Optional<Map<TopicPartition, Long>> parse(JsonNode offsets) {
    if (offsets == null || !offsets.isObject()) {
      return Optional.empty();
    }
    Map<TopicPartition, Long> byPartition = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> topics = offsets.fields(); topics.hasNext(); ) {
      Map.Entry<String, JsonNode> topic = topics.next();
      if (!topic.getValue().isObject()) {
        return Optional.empty();
      }
      for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields();
          partitions.hasNext(); ) {
        Map.Entry<String, JsonNode> partition = partitions.next();
        if (!partition.getKey().chars().allMatch(Character::isDigit)
            || partition.getKey().isEmpty()
            || !partition.getValue().isIntegralNumber()) {
          return Optional.empty();
        }
        byPartition.put(
            new TopicPartition(topic.getKey(), Integer.parseInt(partition.getKey())),
            partition.getValue().asLong());
      }
    }
    return Optional.of(byPartition);
  }
}
