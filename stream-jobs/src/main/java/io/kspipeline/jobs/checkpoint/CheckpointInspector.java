package io.kspipeline.jobs.checkpoint;

import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.checkpoint.CheckpointOptions.Recorded;
import io.kspipeline.jobs.checkpoint.CheckpointReport.DStream;
import io.kspipeline.jobs.checkpoint.CheckpointReport.Group;
import io.kspipeline.jobs.checkpoint.CheckpointReport.Input;
import io.kspipeline.jobs.checkpoint.CheckpointReport.Options;
import io.kspipeline.jobs.checkpoint.CheckpointReport.Partition;
import io.kspipeline.jobs.checkpoint.CheckpointReport.Query;
import io.kspipeline.jobs.checkpoint.CheckpointReport.Reset;
import io.kspipeline.jobs.checkpoint.CheckpointReport.Source;
import io.kspipeline.jobs.checkpoint.CheckpointReport.StateOperator;
import io.kspipeline.jobs.checkpoint.KafkaLog.Bounds;
import io.kspipeline.jobs.dstream.DStreamOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.common.TopicPartition;

/** Reads a job's checkpoint and asks Kafka about the offsets in it ({@link CheckpointReport}). */
final class CheckpointInspector {
  private static final int QUERY_DEPTH = 3;

  private CheckpointInspector() {}

  static CheckpointReport inspect(String checkpoint, String job, Api api, KafkaLog kafka)
      throws IOException {
    Path dir = new Path(checkpoint);
    FileSystem fs = dir.getFileSystem(new Configuration());
    List<String> notes = new ArrayList<>();
    if (!fs.exists(dir)) {
      notes.add("no checkpoint at " + checkpoint + ": the job has not run with it");
      return new CheckpointReport(
          checkpoint, job, api.name(), false, null, null, List.of(), null, null, notes);
    }
    Optional<Recorded> recorded = JobCheckpoint.readOptions(fs, dir);
    Options options =
        recorded
            .map(
                r ->
                    new Options(
                        r.recordedAt().toString(), r.options().inputTopic(), r.options().options()))
            .orElse(null);
    if (recorded.isEmpty()) {
      notes.add(
          "no options recorded: the checkpoint predates "
              + JobCheckpoint.OPTIONS_FILE
              + "; the next start records its options");
    } else if (!recorded.get().options().job().equals(job)) {
      notes.add(
          "the checkpoint was started by job "
              + recorded.get().options().job()
              + ", not "
              + job
              + ": pass the job's own --checkpoint");
    }
    boolean progress = JobCheckpoint.hasProgress(fs, dir, api);
    Reset reset =
        JobCheckpoint.readStart(fs, dir)
            .map(
                r ->
                    new Reset(
                        r.start().text(),
                        r.start().description(),
                        r.resetAt().toString(),
                        r.movedTo(),
                        !progress))
            .orElse(null);
    List<Query> queries = new ArrayList<>();
    DStream dstream = null;
    if (api == Api.STRUCTURED) {
      String root = fs.makeQualified(dir).toUri().getPath();
      for (Path queryDir : StructuredCheckpoint.queryDirs(fs, dir, QUERY_DEPTH)) {
        // The query's directory under the job's: counts, continuous/alerts.
        String shown = fs.makeQualified(queryDir).toUri().getPath().substring(root.length());
        queries.add(
            query(
                StructuredCheckpoint.read(
                    fs, queryDir, shown.isEmpty() ? "." : shown.replaceFirst("^/", "")),
                kafka));
      }
      if (queries.isEmpty()) {
        notes.add("no query has started on this checkpoint yet");
      }
    } else {
      dstream = dstream(fs, dir, job, options, kafka, notes);
    }
    // Null when the checkpoint held nothing to ask Kafka about (files, a socket).
    String kafkaState =
        !kafka.asked()
            ? null
            : kafka.unreachable() == null
                ? kafka.bootstrap()
                : kafka.bootstrap() + " did not answer (" + kafka.unreachable() + ")";
    if (kafka.unreachable() != null) {
      notes.add(
          "log start and end are not shown: Kafka at "
              + kafka.bootstrap()
              + " did not answer; pass --bootstrap (and --kafka-config) of the job's cluster");
    }
    return new CheckpointReport(
        checkpoint, job, api.name(), true, options, reset, queries, dstream, kafkaState, notes);
  }

  private static Query query(StructuredCheckpoint.Query read, KafkaLog kafka) {
    List<Source> sources = new ArrayList<>();
    for (StructuredCheckpoint.Source source : read.sources()) {
      sources.add(
          new Source(
              source.index(),
              source.kind(),
              source.kind().equals("kafka") ? null : source.raw(),
              partitions(source.offsets(), kafka)));
    }
    List<StateOperator> state =
        read.state().stream()
            .map(s -> new StateOperator(s.id(), s.name(), s.partitions(), s.files(), s.bytes()))
            .toList();
    return new Query(
        read.path(),
        read.id(),
        read.committedBatch(),
        shown(read.committedAt()),
        read.plannedBatch(),
        shown(read.batchTime()),
        shown(read.watermark()),
        read.conf(),
        sources,
        state);
  }

  private static DStream dstream(
      FileSystem fs, Path dir, String job, Options options, KafkaLog kafka, List<String> notes)
      throws IOException {
    DStreamCheckpoint.Contents contents = DStreamCheckpoint.read(fs, dir);
    List<Input> inputs = new ArrayList<>();
    for (DStreamCheckpoint.Input input : contents.inputs()) {
      inputs.add(new Input(input.id(), input.kind(), partitions(input.resumeAt(), kafka)));
    }
    Group group = null;
    String groupId = groupOf(job, options);
    if (groupId != null) {
      Map<TopicPartition, Long> committed = kafka.committed(groupId);
      group = new Group(groupId, partitions(committed, kafka));
      if (committed.isEmpty() && kafka.unreachable() == null) {
        notes.add("consumer group " + groupId + " has committed no offsets");
      }
    }
    if (contents.graphError() != null) {
      notes.add(
          "the checkpoint's graph (batch interval, inputs, the offsets it resumes at) is not"
              + " shown: "
              + contents.graphError());
    }
    return new DStream(
        shown(contents.latest()),
        shown(contents.writtenAt()),
        contents.files(),
        contents.batchMillis(),
        contents.pendingBatches().stream().map(Instant::toString).toList(),
        inputs,
        contents.graphError(),
        contents.stateBytes(),
        contents.sparkConf(),
        group);
  }

  /** The group a DStream job commits to: as recorded, else the default; null for no Kafka. */
  private static String groupOf(String job, Options options) {
    if (options == null) {
      return DStreamOptions.defaultGroupId(job);
    }
    if (options.inputTopic() == null) {
      return null;
    }
    String recorded = options.values().get("--group-id");
    return recorded == null || recorded.equals("(none)")
        ? DStreamOptions.defaultGroupId(job)
        : recorded;
  }

  private static List<Partition> partitions(Map<TopicPartition, Long> offsets, KafkaLog kafka) {
    Map<TopicPartition, Bounds> bounds = kafka.bounds(offsets.keySet());
    List<Partition> partitions = new ArrayList<>();
    offsets.forEach((tp, offset) -> partitions.add(partition(tp, offset, bounds.get(tp))));
    return partitions;
  }

  static Partition partition(TopicPartition tp, long offset, Bounds bounds) {
    if (bounds == null) {
      return new Partition(tp.topic(), tp.partition(), offset, null, null, null, null);
    }
    String note = null;
    if (offset < bounds.start()) {
      note =
          "offsets " + offset + ".." + (bounds.start() - 1) + " left the log before they were read";
    } else if (offset > bounds.end()) {
      note = "beyond the log end: was the topic deleted and created again?";
    }
    return new Partition(
        tp.topic(),
        tp.partition(),
        offset,
        bounds.start(),
        bounds.end(),
        Math.max(0, bounds.end() - Math.max(offset, bounds.start())),
        note);
  }

  private static String shown(Instant time) {
    return time == null ? null : time.toString();
  }
}
