package io.kspipeline.jobs.checkpoint;

import io.kspipeline.jobs.checkpoint.CheckpointReport.DStream;
import io.kspipeline.jobs.checkpoint.CheckpointReport.Input;
import io.kspipeline.jobs.checkpoint.CheckpointReport.Partition;
import io.kspipeline.jobs.checkpoint.CheckpointReport.Query;
import io.kspipeline.jobs.checkpoint.CheckpointReport.Source;
import io.kspipeline.jobs.checkpoint.CheckpointReport.StateOperator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code checkpoint inspect}'s report for people: labelled lines and aligned tables. */
final class ReportText {
  private final StringBuilder out = new StringBuilder();

  private ReportText() {}

  static String render(CheckpointReport report) {
    ReportText text = new ReportText();
    text.report(report);
    return text.out.toString();
  }

  private void report(CheckpointReport r) {
    line(
        "",
        "checkpoint",
        r.checkpoint()
            + " ("
            + r.job()
            + ", "
            + (r.api().equals("DSTREAM") ? "DStream" : "Structured Streaming")
            + ")");
    if (r.exists()) {
      if (r.kafka() != null) {
        line("", "kafka", r.kafka());
      }
      if (r.options() != null) {
        line("", "options", "recorded " + r.options().recordedAt());
        table(
            "  ",
            null,
            r.options().values().entrySet().stream()
                .map(e -> List.of(e.getKey(), e.getValue()))
                .toList());
      }
      if (r.reset() != null) {
        line(
            "",
            "reset",
            r.reset().resetAt()
                + " to "
                + r.reset().to()
                + (r.reset().pending()
                    ? ": the job's next start reads from " + r.reset().meaning()
                    : ": applied (the job has run since)")
                + (r.reset().movedTo() == null
                    ? ""
                    : "; the old checkpoint is in " + r.reset().movedTo()));
      }
      r.queries().forEach(this::query);
      if (r.dstream() != null) {
        dstream(r.dstream());
      }
    }
    if (!r.notes().isEmpty()) {
      line("", "notes", "");
      r.notes().forEach(note -> out.append("  - ").append(note).append('\n'));
    }
  }

  private void query(Query q) {
    line("", "query", q.path() + (q.id() == null ? "" : "  (id " + q.id() + ")"));
    String batch;
    if (q.committedBatch() == null) {
      batch =
          q.plannedBatch() == null
              ? "none yet"
              : "none committed (" + q.plannedBatch() + " planned)";
    } else {
      batch = q.committedBatch() + ", committed " + q.committedAt();
      if (q.plannedBatch() != null && q.plannedBatch() > q.committedBatch()) {
        batch += " (" + q.plannedBatch() + " planned, not committed)";
      }
    }
    line("  ", "last batch", batch);
    if (q.batchTime() != null) {
      line("  ", "batch time", q.batchTime());
    }
    if (q.watermark() != null) {
      line(
          "  ",
          "watermark",
          q.watermark().equals("1970-01-01T00:00:00Z") ? "none yet" : q.watermark());
    }
    q.sqlConf().forEach((k, v) -> line("  ", "setting", k + "=" + v));
    for (Source s : q.sources()) {
      if (s.kind().equals("kafka")) {
        line("  ", "source " + s.index(), "kafka, offsets after the last committed batch:");
        partitions("    ", s.partitions(), "offset");
      } else {
        line("  ", "source " + s.index(), s.kind() + (s.offset() == null ? "" : " " + s.offset()));
      }
    }
    if (!q.state().isEmpty()) {
      line("  ", "state", "");
      // Spark 3.5 names few operators in the checkpoint: the column only when one is named.
      boolean named = q.state().stream().anyMatch(op -> op.name() != null);
      List<List<String>> rows = new ArrayList<>();
      for (StateOperator op : q.state()) {
        List<String> row = new ArrayList<>(List.of(String.valueOf(op.id())));
        if (named) {
          row.add(op.name() == null ? "-" : op.name());
        }
        row.addAll(
            List.of(String.valueOf(op.partitions()), String.valueOf(op.files()), size(op.bytes())));
        rows.add(row);
      }
      List<String> header = new ArrayList<>(List.of("operator"));
      if (named) {
        header.add("name");
      }
      header.addAll(List.of("partitions", "files", "size"));
      table("    ", header, rows);
    }
  }

  private void dstream(DStream d) {
    line(
        "",
        "latest",
        d.latestCheckpoint() == null
            ? "no checkpoint file yet"
            : "checkpoint of batch "
                + d.latestCheckpoint()
                + ", written "
                + d.writtenAt()
                + " ("
                + d.checkpointFiles()
                + " files kept)");
    if (d.batchMillis() != null) {
      line("", "batch", CheckpointOptions.duration(Duration.ofMillis(d.batchMillis())));
    }
    if (!d.pendingBatches().isEmpty()) {
      line("", "pending", String.join(", ", d.pendingBatches()) + " (re-run at the restart)");
    }
    d.sparkConf().forEach((k, v) -> line("", "setting", k + "=" + v));
    for (Input input : d.inputs()) {
      if (input.kind().equals("kafka")) {
        line("", "input " + input.id(), "kafka, the offsets the job resumes at:");
        partitions("  ", input.resumeAt(), "offset");
      } else {
        line("", "input " + input.id(), input.kind() + " (no offsets)");
      }
    }
    line("", "state", size(d.stateBytes()) + " of RDD checkpoints (windows, running totals)");
    if (d.group() != null) {
      line("", "group", d.group().id() + ", offsets committed after each batch's outputs:");
      partitions("  ", d.group().committed(), "committed");
    }
  }

  private void partitions(String indent, List<Partition> partitions, String offsetHeader) {
    if (partitions.isEmpty()) {
      out.append(indent).append("(none)\n");
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Partition p : partitions) {
      rows.add(
          List.of(
              p.topic(),
              String.valueOf(p.partition()),
              String.valueOf(p.offset()),
              orUnknown(p.logStart()),
              orUnknown(p.logEnd()),
              orUnknown(p.behind()),
              p.note() == null ? "" : p.note()));
    }
    table(
        indent,
        List.of("topic", "partition", offsetHeader, "log start", "log end", "behind", ""),
        rows);
  }

  private static String orUnknown(Long value) {
    return value == null ? "?" : String.valueOf(value);
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private void line(String indent, String label, String value) {
    String line = indent + String.format(Locale.ROOT, "%-10s", label) + "  " + value;
    out.append(line.stripTrailing()).append('\n');
  }

  /** Rows under a header (null: none), columns as wide as their widest cell. */
  private void table(String indent, List<String> header, List<List<String>> rows) {
    List<List<String>> all = new ArrayList<>();
    if (header != null) {
      all.add(header);
    }
    all.addAll(rows);
    int columns = all.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]) + "  ");
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
