package io.kspipeline.jobs.dstream;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * What a DStream emitted in each batch, collected on the driver by batch time: the output a
 * broker-free test checks batch by batch. Serializable because the checkpointed graph holds the
 * output that fills it (the live graph fills this instance).
 */
final class EmittedPerBatch<T> implements Serializable {
  private final ConcurrentHashMap<Long, List<T>> byBatchTime = new ConcurrentHashMap<>();

  /** Registers the output that collects {@code stream}'s elements of every batch. */
  void collect(JavaDStream<T> stream) {
    stream.foreachRDD(
        (rdd, time) -> {
          byBatchTime.put(time.milliseconds(), new ArrayList<>(rdd.collect()));
        });
  }

  /** The elements of the batch at {@code batchTime}, in partition order. */
  List<T> at(long batchTime) {
    List<T> emitted = byBatchTime.get(batchTime);
    if (emitted == null) {
      throw new AssertionError("no batch at " + batchTime + " ran; ran: " + batchTimes());
    }
    return emitted;
  }

  private List<Long> batchTimes() {
    return byBatchTime.keySet().stream().sorted().toList();
  }
}
