package io.kspipeline.benchmarks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** One micro-batch as {@link JobProgressListener} printed it. */
record BatchProgress(
    String query,
    long batch,
    long startMillis,
    long endMillis,
    long rows,
    long cpuMillis,
    Map<Integer, Long> endOffsets) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static BatchProgress parse(String line) {
    return new BatchProgress(
        ProcessStats.field(line, "query"),
        Long.parseLong(ProcessStats.field(line, "batch")),
        Long.parseLong(ProcessStats.field(line, "start_ms")),
        Long.parseLong(ProcessStats.field(line, "end_ms")),
        Long.parseLong(ProcessStats.field(line, "rows")),
        Long.parseLong(ProcessStats.field(line, "cpu_ms")),
        offsets(ProcessStats.field(line, "end_offsets")));
  }

  /** Spark's {"topic":{"0":12,"1":34}}, for the one topic a job reads. */
  private static Map<Integer, Long> offsets(String json) {
    Map<Integer, Long> offsets = new HashMap<>();
    try {
      JsonNode root = JSON.readTree(json);
      Iterator<JsonNode> topics = root.elements();
      if (topics.hasNext()) {
        topics
            .next()
            .fields()
            .forEachRemaining(
                e -> offsets.put(Integer.parseInt(e.getKey()), e.getValue().asLong()));
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    return offsets;
  }

  /** The batches of one query, in order, from a child's stdout. */
  static List<BatchProgress> of(ChildResult child, String query) {
    List<BatchProgress> batches = new ArrayList<>();
    for (String line : child.lines()) {
      if (line.startsWith(JobProgressListener.PROGRESS)) {
        BatchProgress b = parse(line);
        if (b.query().equals(query)) {
          batches.add(b);
        }
      }
    }
    batches.sort((a, b) -> Long.compare(a.batch(), b.batch()));
    return batches;
  }
}
