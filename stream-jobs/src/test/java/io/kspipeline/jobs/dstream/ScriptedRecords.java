package io.kspipeline.jobs.dstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.InputDStream;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A DStream job's input without a broker: the records of each batch, by batch time, as the test
 * scripted them before the context started. Unlike a queue stream it can be checkpointed, which the
 * stateful jobs (updateStateByKey) require. Each batch is one partition, in script order.
 */
final class ScriptedRecords extends InputDStream<SourceRecord> {
  private static final ClassTag<SourceRecord> RECORDS = ClassTag$.MODULE$.apply(SourceRecord.class);

  private final TreeMap<Long, List<SourceRecord>> batches;

  private ScriptedRecords(JavaStreamingContext ssc, Map<Long, List<SourceRecord>> batches) {
    super(ssc.ssc(), RECORDS);
    this.batches = new TreeMap<>(batches);
  }

  /**
   * @param batches batch time (ms on the manual clock) → its records; a batch not named is empty
   */
  static JavaDStream<SourceRecord> of(
      JavaStreamingContext ssc, Map<Long, List<SourceRecord>> batches) {
    return new JavaDStream<>(new ScriptedRecords(ssc, batches), RECORDS);
  }

  /** Records of {@code values} (no key; null for a tombstone) at offsets from {@code first}. */
  static List<SourceRecord> atOffsets(String topic, long first, List<byte[]> values) {
    List<SourceRecord> records = new ArrayList<>();
    for (byte[] value : values) {
      long offset = first + records.size();
      records.add(new SourceRecord(topic, 0, offset, offset, null, value));
    }
    return records;
  }

  @Override
  public void start() {}

  @Override
  public void stop() {}

  @Override
  public Option<RDD<SourceRecord>> compute(Time validTime) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(context().sparkContext());
    List<SourceRecord> records = batches.getOrDefault(validTime.milliseconds(), List.of());
    return Option.apply(sc.parallelize(records, 1).rdd());
  }
}
