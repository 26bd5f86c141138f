package io.kspipeline.jobs.checkpoint;

import java.util.List;
import java.util.Map;

/**
 * What {@code checkpoint inspect} reports (its {@code --json} is this record): the options the
 * checkpoint was started with, a pending reset, each Structured query's last batch, its sources'
 * offsets beside the partitions' log start and end, its state; or a DStream checkpoint's time,
 * inputs and the consumer group's committed offsets. Times are ISO-8601 UTC; a field Kafka or the
 * checkpoint could not give is null.
 *
 * @param kafka where log starts and ends were asked, and whether Kafka answered
 * @param notes what is not available, and why
 */
public record CheckpointReport(
    String checkpoint,
    String job,
    String api,
    boolean exists,
    Options options,
    Reset reset,
    List<Query> queries,
    DStream dstream,
    String kafka,
    List<String> notes) {

  /** The options file: when it was written and the options. */
  public record Options(String recordedAt, String inputTopic, Map<String, String> values) {}

  /**
   * A reset's start file.
   *
   * @param pending true until the job's first start after the reset has made progress
   */
  public record Reset(String to, String meaning, String resetAt, String movedTo, boolean pending) {}

  /** A Structured query's checkpoint. */
  public record Query(
      String path,
      String id,
      Long committedBatch,
      String committedAt,
      Long plannedBatch,
      String batchTime,
      String watermark,
      Map<String, String> sqlConf,
      List<Source> sources,
      List<StateOperator> state) {}

  /**
   * A source: its kind (kafka, files) and, for Kafka, each partition's offset after the last
   * committed batch.
   */
  public record Source(int index, String kind, String offset, List<Partition> partitions) {}

  /**
   * An offset of a partition beside its log.
   *
   * @param behind records between the offset and the log end: what the job has yet to read
   * @param note what is wrong, when the offset is outside the log
   */
  public record Partition(
      String topic,
      int partition,
      long offset,
      Long logStart,
      Long logEnd,
      Long behind,
      String note) {}

  /** A stateful operator of a query. */
  public record StateOperator(int id, String name, int partitions, long files, long bytes) {}

  /**
   * A DStream checkpoint.
   *
   * @param graph why the serialized graph could not be read; null when it was
   * @param stateBytes bytes of the RDD checkpoints (windows, running state)
   */
  public record DStream(
      String latestCheckpoint,
      String writtenAt,
      int checkpointFiles,
      Long batchMillis,
      List<String> pendingBatches,
      List<Input> inputs,
      String graph,
      long stateBytes,
      Map<String, String> sparkConf,
      Group group) {}

  /** An input stream: Kafka with the offsets the job resumes at, or another kind. */
  public record Input(int id, String kind, List<Partition> resumeAt) {}

  /** The consumer group a DStream job commits to after each batch's outputs. */
  public record Group(String id, List<Partition> committed) {}
}
