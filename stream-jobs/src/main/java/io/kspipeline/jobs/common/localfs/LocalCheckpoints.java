package io.kspipeline.jobs.common.localfs;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;

/**
 * Settings for a job that runs in one JVM ({@code local[...]} master) on the machine's own disk:
 * every checkpoint, state and metadata file of a streaming query is written without starting a
 * process. Hadoop's local file system runs {@code chmod} for each file it creates, and the
 * FileContext API that Structured Streaming prefers also runs {@code readlink} for each rename; in
 * the demo at ten times its rates that was seventeen processes a second and a third of the CPU in
 * the kernel. A cluster keeps Hadoop's defaults: its checkpoints are on a distributed file system,
 * and its executors may not load our classes as file systems.
 */
public final class LocalCheckpoints {
  static final String FILE_SYSTEM = "spark.hadoop.fs.file.impl";
  static final String CHECKPOINT_MANAGER = "spark.sql.streaming.checkpointFileManagerClass";

  /** Spark's checkpoint manager on the FileSystem API, whose local rename is one system call. */
  static final String FILE_SYSTEM_MANAGER =
      "org.apache.spark.sql.execution.streaming.FileSystemBasedCheckpointFileManager";

  private LocalCheckpoints() {}

  /**
   * Applies the settings (unless the user chose them) when the master is local and the checkpoint
   * is a local path.
   */
  public static void apply(SparkConf conf, String checkpoint) {
    if (!conf.get("spark.master", "").startsWith("local") || !isLocalPath(checkpoint)) {
      return;
    }
    conf.setIfMissing(FILE_SYSTEM, PosixLocalFileSystem.class.getName());
    conf.setIfMissing(CHECKPOINT_MANAGER, FILE_SYSTEM_MANAGER);
  }

  /**
   * The Hadoop configuration for what the driver reads and writes of a checkpoint itself, before
   * and beside Spark. Hadoop caches one file system per scheme for the whole JVM, the first one
   * asked for: a driver that looked at its local checkpoint with the stock local file system first
   * (checking the options a checkpoint recorded, restoring a DStream graph) left Spark's checkpoint
   * writer and clean-up on it too, without {@link PosixLocalFileSystem}'s guard of the state files.
   * In the driver's JVM our classes always load, whatever the master.
   */
  public static Configuration driverConfiguration() {
    Configuration conf = new Configuration();
    conf.setIfUnset("fs.file.impl", PosixLocalFileSystem.class.getName());
    return conf;
  }

  static boolean isLocalPath(String location) {
    if (location == null) {
      return true;
    }
    try {
      String scheme = new URI(location).getScheme();
      // A one-letter scheme is a Windows drive, not a file system.
      return scheme == null || scheme.equals("file") || scheme.length() == 1;
    } catch (java.net.URISyntaxException e) {
      return true; // not a URI: a path with characters a URI does not allow
    }
  }
}
