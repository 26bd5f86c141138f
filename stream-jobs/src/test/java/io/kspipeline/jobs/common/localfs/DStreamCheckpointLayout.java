package io.kspipeline.jobs.common.localfs;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.io.CompressionCodec$;

/**
 * A DStream checkpoint laid out as Spark writes it, on any Hadoop file system: metadata files
 * {@code checkpoint-<time>} (Java-serialized, then compressed) naming state directories {@code
 * <run>/rdd-N}.
 */
public final class DStreamCheckpointLayout {
  private final FileSystem fs;
  private final Path checkpoint;

  public DStreamCheckpointLayout(FileSystem fs, Path checkpoint) {
    this.fs = fs;
    this.checkpoint = fs.makeQualified(checkpoint);
  }

  /** A state directory with one part file, named as Spark names it (qualified, no slash). */
  public Path stateDir(String relative) throws IOException {
    Path dir = path(relative);
    try (OutputStream out = fs.create(new Path(dir, "part-00000"))) {
      out.write("state".getBytes(StandardCharsets.UTF_8));
    }
    return dir;
  }

  /** A metadata file naming the given state directories (relative to the checkpoint). */
  public void metadata(String name, String... stateDirs) throws IOException {
    try (OutputStream file = fs.create(path(name));
        OutputStream compressed =
            CompressionCodec$.MODULE$
                .createCodec(new SparkConf(false))
                .compressedOutputStream(file);
        ObjectOutputStream out = new ObjectOutputStream(compressed)) {
      for (String dir : stateDirs) {
        out.writeObject(List.of(path(dir).toString()));
      }
    }
  }

  public Path path(String relative) {
    return new Path(checkpoint, relative);
  }

  public boolean exists(Path path) throws IOException {
    return fs.exists(path);
  }
}
