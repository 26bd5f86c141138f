package io.kspipeline.jobs.checkpoint;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Checkpoint;
import org.apache.spark.streaming.CheckpointReader;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.dstream.InputDStream;
import org.apache.spark.streaming.kafka010.DirectKafkaInputDStream;
import scala.Option;
import scala.collection.JavaConverters;

/**
 * A DStream job's checkpoint: Spark writes {@code checkpoint-<batch time>} files (the last few
 * kept, each with a {@code .bk} twin), each a serialized {@code Checkpoint} — the whole graph, its
 * Kafka inputs' offsets, the Spark settings — and the RDDs of stateful and windowed streams in
 * directories beside them. The time and sizes are read from the file names; the rest only by
 * deserializing the latest file with this version's classes, as a restarting job would: a
 * checkpoint written by other code cannot be read, which says that the job could not restore it
 * either.
 */
final class DStreamCheckpoint {
  private static final Pattern FILE = Pattern.compile("checkpoint-(\\d+)");

  /** The directories Spark checkpoints RDDs to: named by a UUID. */
  private static final Pattern RDD_DIR =
      Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

  private DStreamCheckpoint() {}

  /**
   * What a DStream checkpoint says.
   *
   * @param latest the time of the latest checkpoint file (a batch time); null when there is none
   * @param graphError why the graph could not be read; null when it was
   * @param inputs each input stream: its kind and, for Kafka, the offsets the job resumes at
   * @param stateBytes the bytes of the RDD checkpoints beside the files (windows, running state)
   */
  record Contents(
      Instant latest,
      Instant writtenAt,
      int files,
      Long batchMillis,
      List<Instant> pendingBatches,
      List<Input> inputs,
      String graphError,
      long stateBytes,
      Map<String, String> sparkConf) {
    /** What a checkpoint whose graph cannot be read still shows: its files and why. */
    static Contents unreadable(
        Instant latest, Instant writtenAt, int files, String why, long stateBytes) {
      return new Contents(
          latest, writtenAt, files, null, List.of(), List.of(), why, stateBytes, Map.of());
    }
  }

  /** An input stream of the graph; offsets only for a Kafka direct stream. */
  record Input(int id, String kind, Map<TopicPartition, Long> resumeAt) {}

  static Contents read(FileSystem fs, Path dir) throws IOException {
    Long latest = null;
    FileStatus latestFile = null;
    int files = 0;
    long stateBytes = 0;
    for (FileStatus child : fs.listStatus(dir)) {
      String name = child.getPath().getName();
      Matcher m = FILE.matcher(name);
      if (child.isFile() && m.matches()) {
        files++;
        long time = Long.parseLong(m.group(1));
        if (latest == null || time > latest) {
          latest = time;
          latestFile = child;
        }
      } else if (child.isDirectory() && RDD_DIR.matcher(name).matches()) {
        stateBytes += fs.getContentSummary(child.getPath()).getLength();
      }
    }
    if (latest == null) {
      return Contents.unreadable(null, null, 0, "no checkpoint file yet", stateBytes);
    }
    Instant writtenAt = Instant.ofEpochMilli(latestFile.getModificationTime());
    try {
      Option<Checkpoint> read =
          CheckpointReader.read(dir.toString(), new SparkConf(false), fs.getConf(), false);
      if (read.isEmpty()) {
        return Contents.unreadable(
            Instant.ofEpochMilli(latest),
            writtenAt,
            files,
            "no checkpoint file could be read",
            stateBytes);
      }
      Checkpoint checkpoint = read.get();
      List<Instant> pending =
          Arrays.stream((Time[]) checkpoint.pendingTimes())
              .map(t -> Instant.ofEpochMilli(t.milliseconds()))
              .sorted()
              .toList();
      List<Input> inputs = new ArrayList<>();
      for (InputDStream<?> input : checkpoint.graph().getInputStreams()) {
        inputs.add(input(input));
      }
      Map<String, String> conf = new TreeMap<>();
      for (scala.Tuple2<String, String> pair : checkpoint.sparkConfPairs()) {
        if (pair._1().startsWith("spark.streaming.") || pair._1().equals("spark.master")) {
          conf.put(pair._1(), pair._2());
        }
      }
      return new Contents(
          Instant.ofEpochMilli(checkpoint.checkpointTime().milliseconds()),
          writtenAt,
          files,
          checkpoint.graph().batchDuration().milliseconds(),
          pending,
          inputs,
          null,
          stateBytes,
          conf);
    } catch (Exception | LinkageError e) { // Scala code throws undeclared checked exceptions
      return Contents.unreadable(
          Instant.ofEpochMilli(latest),
          writtenAt,
          files,
          "this version cannot read it (" + rootCause(e) + "), nor could the job restore it",
          stateBytes);
    }
  }

  private static Input input(InputDStream<?> input) {
    if (input instanceof DirectKafkaInputDStream<?, ?> kafka) {
      Map<TopicPartition, Long> offsets = new TreeMap<>(StartPosition.PARTITION_ORDER);
      JavaConverters.mapAsJavaMap(kafka.currentOffsets())
          .forEach((tp, offset) -> offsets.put(tp, ((Number) offset).longValue()));
      return new Input(input.id(), "kafka", new LinkedHashMap<>(offsets));
    }
    return new Input(input.id(), input.getClass().getSimpleName(), Map.of());
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
