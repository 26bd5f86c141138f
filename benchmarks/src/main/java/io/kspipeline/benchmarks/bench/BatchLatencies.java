package io.kspipeline.benchmarks.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * End-to-end latency of a micro-batch job: each input record is in the first batch whose end offset
 * passes it; its result is appended while that batch runs. Latency = append time of the batch's
 * last result record (or the batch's end when it wrote none) minus the input record's append time.
 * Both topics use LogAppendTime, on one broker clock.
 */
final class BatchLatencies {
  private BatchLatencies() {}

  static long[] of(
      List<TopicRecords.Appended> inputs,
      List<TopicRecords.Appended> outputs,
      List<BatchProgress> batches,
      long fromAppendMillis) {
    List<Long> latencies = new ArrayList<>();
    Map<Integer, Long> done = new HashMap<>();
    Map<Integer, List<TopicRecords.Appended>> byPartition = new HashMap<>();
    for (TopicRecords.Appended r : inputs) {
      byPartition.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r);
    }
    for (BatchProgress batch : batches) {
      long resultAt = batch.endMillis();
      long lastOutput = -1;
      for (TopicRecords.Appended out : outputs) {
        if (out.timestamp() >= batch.startMillis() && out.timestamp() <= batch.endMillis()) {
          lastOutput = Math.max(lastOutput, out.timestamp());
        }
      }
      if (lastOutput > 0) {
        resultAt = lastOutput;
      }
      for (Map.Entry<Integer, Long> end : batch.endOffsets().entrySet()) {
        long from = done.getOrDefault(end.getKey(), 0L);
        for (TopicRecords.Appended r : byPartition.getOrDefault(end.getKey(), List.of())) {
          if (r.offset() >= from
              && r.offset() < end.getValue()
              && r.timestamp() >= fromAppendMillis) {
            latencies.add(resultAt - r.timestamp());
          }
        }
        done.put(end.getKey(), Math.max(from, end.getValue()));
      }
    }
    return latencies.stream().mapToLong(Long::longValue).toArray();
  }
}
