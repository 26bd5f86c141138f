package io.kspipeline.jobs.dstream;

import org.apache.hadoop.io.NullWritable;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import scala.Tuple2;

/**
 * The DStream jobs' file input (the DStream side of {@link
 * io.kspipeline.jobs.common.TextFileLines}): the lines of the files in a directory, those there at
 * the first start and those that appear later, plain or gzipped, one {@link SourceRecord} per
 * non-empty line naming its {@code file:line} ({@link NumberedLines}). Files that appear are read
 * by Spark's file stream, which keeps the names of the files it read in the checkpoint; files
 * already there by {@link StartingFilesStream}. A file is read once, whole, in the batch that finds
 * it: files should be moved into the directory complete, and not changed after (nor removed while
 * their batch is in a window: a restarted job reads them again to rebuild it).
 */
public final class DirectoryLines {
  private DirectoryLines() {}

  /**
   * The lines read by a decoder, cached: several outputs (results, dead letters) use each batch.
   */
  public static JavaDStream<KeyedRecord> decoded(
      JavaStreamingContext ssc, String directory, Function<SourceRecord, KeyedRecord> decoder) {
    return lines(ssc, directory).map(decoder).cache();
  }

  public static JavaDStream<SourceRecord> lines(JavaStreamingContext ssc, String directory) {
    StartingFiles atStart = StartingFiles.in(directory, ssc.sparkContext().hadoopConfiguration());
    JavaDStream<SourceRecord> appearing =
        ssc.fileStream(
                directory,
                SourceRecord.class,
                NullWritable.class,
                NumberedLines.class,
                path -> StartingFiles.isData(path) && !atStart.contains(path),
                false)
            .map(Tuple2::_1);
    return appearing.union(new StartingFilesStream(ssc, atStart).asJava());
  }
}
