package io.kspipeline.jobs.dstream;

import io.kspipeline.core.io.GzipInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * The Hadoop input format of the DStream jobs' file input: each file read whole, in one split, so
 * that its lines can be numbered; one {@link SourceRecord#ofFileLine} per non-empty line (as the
 * Structured jobs' file lines, empty lines carry no record). A file that starts with gzip's magic
 * bytes is decompressed, whatever its name ({@link GzipInput}); bytes that are not UTF-8 become
 * U+FFFD rather than failing the file.
 */
public final class NumberedLines extends FileInputFormat<SourceRecord, NullWritable> {
  @Override
  protected boolean isSplitable(JobContext context, Path file) {
    return false;
  }

  @Override
  public RecordReader<SourceRecord, NullWritable> createRecordReader(
      InputSplit split, TaskAttemptContext context) {
    return new LineReader();
  }

  private static final class LineReader extends RecordReader<SourceRecord, NullWritable> {
    private String file;
    private BufferedReader lines;
    private long number;
    private SourceRecord current;
    private boolean done;

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) throws IOException {
      Path path = ((FileSplit) split).getPath();
      file = path.toString();
      lines =
          new BufferedReader(
              new InputStreamReader(
                  GzipInput.decompressing(
                      path.getFileSystem(context.getConfiguration()).open(path)),
                  StandardCharsets.UTF_8));
    }

    @Override
    public boolean nextKeyValue() throws IOException {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (!line.isEmpty()) {
          current = SourceRecord.ofFileLine(file, number, line);
          return true;
        }
      }
      current = null;
      done = true;
      return false;
    }

    @Override
    public SourceRecord getCurrentKey() {
      return current;
    }

    @Override
    public NullWritable getCurrentValue() {
      return NullWritable.get();
    }

    /** Unknown until the end: a gzipped file's length says nothing of its lines. */
    @Override
    public float getProgress() {
      return done ? 1f : 0f;
    }

    @Override
    public void close() throws IOException {
      if (lines != null) {
        lines.close();
      }
    }
  }
}
