package io.kspipeline.jobs.dstream;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The files in a job's input directory when the job first started, by name. Spark's file stream,
 * even told to read existing files, only selects files modified within its remember window of a
 * batch ({@code spark.streaming.fileStream.minRememberDuration}, 60 s): it would skip the older
 * ones and take the recent ones. So the job reads all of them in its first batch ({@link
 * StartingFilesStream}) and keeps them out of the file stream by name. Both hold this object, which
 * the checkpoint keeps, so a restarted job reads none of them again.
 */
final class StartingFiles implements Serializable {
  private final TreeSet<String> paths;

  private StartingFiles(TreeSet<String> paths) {
    this.paths = paths;
  }

  /**
   * The data files in {@code directory} (a path or glob, as Spark's file stream takes it), named as
   * the file stream names them.
   *
   * @throws IllegalArgumentException when no directory is there
   */
  static StartingFiles in(String directory, Configuration conf) {
    try {
      Path pattern = new Path(directory);
      FileSystem fs = pattern.getFileSystem(conf);
      FileStatus[] matched = fs.globStatus(pattern);
      TreeSet<String> paths = new TreeSet<>();
      boolean found = false;
      for (FileStatus dir : matched == null ? new FileStatus[0] : matched) {
        if (dir.isDirectory()) {
          found = true;
          for (FileStatus file : fs.listStatus(dir.getPath())) {
            if (file.isFile() && isData(file.getPath())) {
              paths.add(file.getPath().toString());
            }
          }
        }
      }
      if (!found) {
        throw new IllegalArgumentException("--input dir:" + directory + ": no such directory");
      }
      return new StartingFiles(paths);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list --input dir:" + directory, e);
    }
  }

  /**
   * Whether a file holds data: hidden files ({@code .name}, {@code _name}: temporary copies,
   * markers) do not, as Hadoop's file inputs have it.
   */
  static boolean isData(Path file) {
    String name = file.getName();
    return !name.startsWith(".") && !name.startsWith("_");
  }

  boolean contains(Path file) {
    return paths.contains(file.toString());
  }

  /** Their lines, in one RDD (one partition per file). */
  JavaRDD<SourceRecord> read(JavaSparkContext sc) {
    if (paths.isEmpty()) {
      return sc.emptyRDD();
    }
    try {
      Job job = Job.getInstance(sc.hadoopConfiguration());
      FileInputFormat.setInputPaths(job, paths.stream().map(Path::new).toArray(Path[]::new));
      return sc.newAPIHadoopRDD(
              job.getConfiguration(), NumberedLines.class, SourceRecord.class, NullWritable.class)
          .keys();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the files present at start", e);
    }
  }
}
