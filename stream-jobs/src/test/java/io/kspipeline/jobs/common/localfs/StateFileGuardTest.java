package io.kspipeline.jobs.common.localfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.io.CompressionCodec$;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A DStream checkpoint laid out as Spark writes it: metadata files {@code checkpoint-<time>}
 * (serialized, compressed) naming state directories {@code <run>/rdd-N}.
 */
class StateFileGuardTest {
  @TempDir Path checkpoint;
  private FileSystem fs;

  @BeforeEach
  void openTheFileSystem() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", PosixLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    fs = FileSystem.get(checkpoint.toUri(), conf);
  }

  @AfterEach
  void closeIt() throws Exception {
    fs.close();
  }

  @Test
  void shouldKeepStateFilesAMetadataFileNamesAndDeleteThemOnceNoneDoes() throws Exception {
    Path named = stateDir("run-a/rdd-187");
    Path prefix = stateDir("run-a/rdd-18");
    writeMetadata("checkpoint-1000", "run-a/rdd-187");

    assertThat(fs.delete(hadoopPath(named), true)).isTrue();
    assertThat(named).as("named by checkpoint-1000").exists();
    assertThat(fs.delete(hadoopPath(prefix), true)).isTrue();
    assertThat(prefix).as("rdd-18 is not rdd-187").doesNotExist();

    // The next metadata file names newer state; the next clean-up deletes what was kept.
    Files.delete(checkpoint.resolve("checkpoint-1000"));
    writeMetadata("checkpoint-2000", "run-b/rdd-5");
    Path unnamed = stateDir("run-b/rdd-3");
    assertThat(fs.delete(hadoopPath(unnamed), true)).isTrue();

    assertThat(unnamed).doesNotExist();
    assertThat(named).as("no longer named").doesNotExist();
  }

  @Test
  void shouldKeepWhatABackupMetadataFileNames() throws Exception {
    Path named = stateDir("run-a/rdd-7");
    writeMetadata("checkpoint-1000", "run-a/rdd-9");
    writeMetadata("checkpoint-1000.bk", "run-a/rdd-7");

    fs.delete(hadoopPath(named), true);

    assertThat(named).exists();
  }

  @Test
  void shouldDeleteAnythingElseAsHadoopDoes() throws Exception {
    writeMetadata("checkpoint-1000", "run-a/rdd-1", "receivedBlockMetadata");
    Path other = checkpoint.resolve("receivedBlockMetadata");
    Files.createDirectories(other);
    Path file = checkpoint.resolve("run-a/rdd-1/part-00000");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "state");

    assertThat(fs.delete(hadoopPath(other), true)).isTrue();
    assertThat(fs.delete(hadoopPath(file), false)).isTrue();

    assertThat(other).doesNotExist();
    assertThat(file).doesNotExist();
  }

  @Test
  void shouldFindANameOnlyWhereItEnds() {
    byte[] bytes = "x/run/rdd-187\u0000".getBytes(StandardCharsets.UTF_8);

    assertThat(StateFileGuard.contains(bytes, "run/rdd-187".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(StateFileGuard.contains(bytes, "run/rdd-18".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(StateFileGuard.checkpointOf(new org.apache.hadoop.fs.Path("/c/run/rdd-3")))
        .isEqualTo(new org.apache.hadoop.fs.Path("/c"));
    assertThat(StateFileGuard.checkpointOf(new org.apache.hadoop.fs.Path("/c/run/offsets")))
        .isNull();
  }

  private Path stateDir(String relative) throws Exception {
    Path dir = checkpoint.resolve(relative);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("part-00000"), "state");
    return dir;
  }

  /** A metadata file as Spark's checkpoint writer leaves it: Java-serialized, then compressed. */
  private void writeMetadata(String name, String... stateDirs) throws Exception {
    try (OutputStream file = Files.newOutputStream(checkpoint.resolve(name));
        OutputStream compressed =
            CompressionCodec$.MODULE$
                .createCodec(new SparkConf(false))
                .compressedOutputStream(file);
        ObjectOutputStream out = new ObjectOutputStream(compressed)) {
      for (String dir : stateDirs) {
        out.writeObject(List.of("file:" + checkpoint.resolve(dir)));
      }
    }
  }

  /** As Spark names a state directory: {@code file:/...}, no trailing slash. */
  private static org.apache.hadoop.fs.Path hadoopPath(Path path) {
    return new org.apache.hadoop.fs.Path("file:" + path);
  }
}
