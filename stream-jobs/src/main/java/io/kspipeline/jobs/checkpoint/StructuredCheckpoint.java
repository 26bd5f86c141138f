package io.kspipeline.jobs.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kspipeline.jobs.common.SparkKafkaOffsets;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;

/**
 * A Structured Streaming query's checkpoint as Spark 3.5 writes it, read without Spark: {@code
 * metadata} (the query id), {@code offsets/<batch>} (a version line, the batch's metadata — its
 * watermark, time and the SQL settings the query keeps — then one line per source: a Kafka source's
 * {@code {"topic":{"partition":offset}}}, a file source's {@code {"logOffset":n}}), {@code
 * commits/<batch>} (written once the batch's sink has committed) and {@code
 * state/<operator>/<partition>/} (the state store files, with {@code _metadata} naming the
 * operator).
 */
public final class StructuredCheckpoint {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Subdirectories of a query checkpoint, never queries themselves. */
  private static final Set<String> QUERY_PARTS =
      Set.of("offsets", "commits", "state", "sources", "metadata", "diverted");

  /** The SQL settings a query keeps in its offsets (Spark restores them at a restart). */
  private static final Set<String> SHOWN_CONF =
      Set.of(
          "spark.sql.shuffle.partitions",
          "spark.sql.streaming.stateStore.providerClass",
          "spark.sql.streaming.multipleWatermarkPolicy");

  private StructuredCheckpoint() {}

  /** A query: where it is, its id, its last batches and its sources' offsets, its state. */
  public record Query(
      String path,
      String id,
      Long committedBatch,
      Instant committedAt,
      Long plannedBatch,
      Instant batchTime,
      Instant watermark,
      Map<String, String> conf,
      List<Source> sources,
      List<StateOperator> state) {}

  /**
   * One source of a query and its offsets at the end of the last committed batch (the planned one
   * when none is committed yet): where the query reads on from.
   *
   * @param kind kafka, files or other
   * @param offsets Kafka offsets per partition; empty for other sources
   * @param raw the offset as Spark wrote it
   */
  public record Source(int index, String kind, Map<TopicPartition, Long> offsets, String raw) {}

  /** A stateful operator: its partitions and the bytes of its files. */
  public record StateOperator(int id, String name, int partitions, long files, long bytes) {}

  /**
   * The query checkpoints under a job's checkpoint, up to {@code depth} levels down (itself
   * included): directories holding a {@code metadata} file or an {@code offsets} directory.
   */
  public static List<Path> queryDirs(FileSystem fs, Path dir, int depth) throws IOException {
    List<Path> found = new ArrayList<>();
    collect(fs, dir, depth, found);
    return found;
  }

  private static void collect(FileSystem fs, Path dir, int depth, List<Path> found)
      throws IOException {
    if (depth < 0 || !fs.exists(dir) || !fs.getFileStatus(dir).isDirectory()) {
      return;
    }
    if (fs.exists(new Path(dir, "metadata")) || fs.exists(new Path(dir, "offsets"))) {
      found.add(dir);
      return;
    }
    FileStatus[] children = fs.listStatus(dir);
    java.util.Arrays.sort(children);
    for (FileStatus child : children) {
      if (child.isDirectory() && !QUERY_PARTS.contains(child.getPath().getName())) {
        collect(fs, child.getPath(), depth - 1, found);
      }
    }
  }

  /** Reads a query checkpoint. */
  public static Query read(FileSystem fs, Path dir, String shownPath) throws IOException {
    Optional<String> metadata = JobCheckpoint.read(fs, new Path(dir, "metadata"));
    String id = metadata.isPresent() ? JSON.readTree(metadata.get()).path("id").asText(null) : null;
    OptionalLong planned = latestBatch(fs, new Path(dir, "offsets"));
    OptionalLong committed = latestBatch(fs, new Path(dir, "commits"));
    Instant committedAt = null;
    if (committed.isPresent()) {
      committedAt =
          Instant.ofEpochMilli(
              fs.getFileStatus(new Path(dir, "commits/" + committed.getAsLong()))
                  .getModificationTime());
    }
    // The offsets a restart reads on from: those of the last committed batch.
    OptionalLong shown = committed.isPresent() ? committed : planned;
    List<Source> sources = new ArrayList<>();
    Instant batchTime = null;
    Instant watermark = null;
    Map<String, String> conf = new TreeMap<>();
    if (shown.isPresent()) {
      Optional<String> text = JobCheckpoint.read(fs, new Path(dir, "offsets/" + shown.getAsLong()));
      if (text.isPresent()) {
        String[] lines = text.get().split("\n");
        if (lines.length > 1) {
          JsonNode meta = JSON.readTree(lines[1]);
          if (meta.has("batchTimestampMs")) {
            batchTime = Instant.ofEpochMilli(meta.get("batchTimestampMs").asLong());
          }
          if (meta.has("batchWatermarkMs")) {
            watermark = Instant.ofEpochMilli(meta.get("batchWatermarkMs").asLong());
          }
          meta.path("conf")
              .fields()
              .forEachRemaining(
                  e -> {
                    if (SHOWN_CONF.contains(e.getKey())) {
                      conf.put(e.getKey(), e.getValue().asText());
                    }
                  });
        }
        for (int i = 2; i < lines.length; i++) {
          sources.add(source(i - 2, lines[i].trim()));
        }
      }
    }
    return new Query(
        shownPath,
        id,
        committed.isPresent() ? committed.getAsLong() : null,
        committedAt,
        planned.isPresent() ? planned.getAsLong() : null,
        batchTime,
        watermark,
        conf,
        sources,
        state(fs, new Path(dir, "state")));
  }

  static Source source(int index, String line) throws IOException {
    if (line.isEmpty() || line.equals("-")) {
      return new Source(index, "none yet", Map.of(), line);
    }
    JsonNode offset = JSON.readTree(line);
    if (offset.has("logOffset")) {
      return new Source(index, "files", Map.of(), line);
    }
    Optional<Map<TopicPartition, Long>> offsets = SparkKafkaOffsets.parse(offset);
    if (offsets.isEmpty()) {
      return new Source(index, "other", Map.of(), line);
    }
    Map<TopicPartition, Long> sorted = new TreeMap<>(StartPosition.PARTITION_ORDER);
    sorted.putAll(offsets.get());
    return new Source(index, "kafka", new LinkedHashMap<>(sorted), line);
  }

  /** The highest batch id among a metadata log's files (names that are numbers). */
  static OptionalLong latestBatch(FileSystem fs, Path log) throws IOException {
    if (!fs.exists(log)) {
      return OptionalLong.empty();
    }
    OptionalLong latest = OptionalLong.empty();
    for (FileStatus file : fs.listStatus(log)) {
      String name = file.getPath().getName();
      if (file.isFile() && name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
        long batch = Long.parseLong(name);
        if (latest.isEmpty() || batch > latest.getAsLong()) {
          latest = OptionalLong.of(batch);
        }
      }
    }
    return latest;
  }

  private static List<StateOperator> state(FileSystem fs, Path state) throws IOException {
    List<StateOperator> operators = new ArrayList<>();
    if (!fs.exists(state)) {
      return operators;
    }
    Map<Integer, FileStatus> byId = new TreeMap<>();
    for (FileStatus op : fs.listStatus(state)) {
      String name = op.getPath().getName();
      if (op.isDirectory() && name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
        byId.put(Integer.parseInt(name), op);
      }
    }
    for (Map.Entry<Integer, FileStatus> op : byId.entrySet()) {
      int partitions = 0;
      for (FileStatus child : fs.listStatus(op.getValue().getPath())) {
        String name = child.getPath().getName();
        if (child.isDirectory() && name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
          partitions++;
        }
      }
      var summary = fs.getContentSummary(op.getValue().getPath());
      operators.add(
          new StateOperator(
              op.getKey(),
              operatorName(fs, op.getValue().getPath()),
              partitions,
              summary.getFileCount(),
              summary.getLength()));
    }
    return operators;
  }

  /** The operator's name from its {@code _metadata/metadata} (Spark 3.5), else null. */
  private static String operatorName(FileSystem fs, Path op) throws IOException {
    Optional<String> text = JobCheckpoint.read(fs, new Path(op, "_metadata/metadata"));
    if (text.isEmpty()) {
      return null;
    }
    for (String line : text.get().split("\n")) {
      if (line.startsWith("{")) {
        JsonNode name = JSON.readTree(line).path("operatorInfo").path("operatorName");
        if (!name.isMissingNode()) {
          return name.asText();
        }
      }
    }
    return null;
  }
}
