package io.kspipeline.jobs.dstream;

import io.kspipeline.core.config.KafkaOptions;
import io.kspipeline.jobs.checkpoint.StartPosition;
import io.kspipeline.jobs.common.StreamingOptions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kafka010.CanCommitOffsets;
import org.apache.spark.streaming.kafka010.HasOffsetRanges;
import org.apache.spark.streaming.kafka010.KafkaUtils;
import org.apache.spark.streaming.kafka010.LocationStrategies;
import org.apache.spark.streaming.kafka010.OffsetRange;

/**
 * The DStream jobs' Kafka input: a direct stream (one RDD partition per topic partition, offsets
 * tracked by Spark and checkpointed) whose processed offsets are committed to the job's consumer
 * group only after the batch's outputs have succeeded. The driver's consumer is assigned the
 * partitions rather than subscribed (see {@link AssignedPartitions}).
 */
public final class DirectKafka {
  private DirectKafka() {}

  /**
   * @param topics comma-separated
   * @param streaming where a group without committed offsets starts (earliest or latest) and
   *     whether offsets deleted before they were read fail the job
   * @param start where a reset checkpoint starts instead of the group's committed offsets
   */
  public static JavaInputDStream<ConsumerRecord<byte[], byte[]>> stream(
      JavaStreamingContext ssc,
      KafkaOptions kafka,
      String topics,
      String groupId,
      StreamingOptions streaming,
      Optional<StartPosition> start) {
    String startingOffsets = streaming.startingOffsets();
    if (!startingOffsets.equals("earliest") && !startingOffsets.equals("latest")) {
      throw new IllegalArgumentException(
          "DStream jobs start from earliest or latest (or the group's committed offsets), not "
              + startingOffsets);
    }
    Map<String, Object> params = new HashMap<>(kafka.clientProperties());
    params.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
    params.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    params.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    params.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    params.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, startingOffsets);
    // Offsets are committed by the job after its outputs, never by the consumer on its own.
    params.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return KafkaUtils.createDirectStream(
        ssc,
        LocationStrategies.PreferConsistent(),
        new AssignedPartitions(
            Arrays.stream(topics.split(",")).map(String::trim).toList(),
            params,
            streaming.failOnDataLoss(),
            start.orElse(null)));
  }

  /** The records as serializable copies (ConsumerRecord cannot be windowed or checkpointed). */
  public static JavaDStream<SourceRecord> records(
      JavaInputDStream<ConsumerRecord<byte[], byte[]>> stream) {
    return stream.map(SourceRecord::of);
  }

  /**
   * The records read by a decoder, cached: several outputs (results, dead letters) use each batch.
   */
  public static JavaDStream<KeyedRecord> decoded(
      JavaInputDStream<ConsumerRecord<byte[], byte[]>> stream,
      Function<SourceRecord, KeyedRecord> decoder) {
    return records(stream).map(decoder).cache();
  }

  /**
   * Commits each batch's offset ranges to the consumer group. Register it after the job's outputs:
   * a batch's output operations run in the order they were registered, so the commit follows them.
   */
  public static void commitAfterOutputs(JavaInputDStream<ConsumerRecord<byte[], byte[]>> stream) {
    stream.foreachRDD(
        rdd -> {
          OffsetRange[] ranges = ((HasOffsetRanges) rdd.rdd()).offsetRanges();
          ((CanCommitOffsets) stream.inputDStream()).commitAsync(ranges);
        });
  }
}
