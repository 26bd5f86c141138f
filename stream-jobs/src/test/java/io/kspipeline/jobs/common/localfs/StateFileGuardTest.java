package io.kspipeline.jobs.common.localfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard in our local file system, on a checkpoint laid out as Spark writes it. */
class StateFileGuardTest {
  @TempDir java.nio.file.Path dir;
  private FileSystem fs;
  private DStreamCheckpointLayout checkpoint;

  @BeforeEach
  void openTheFileSystem() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", PosixLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    fs = FileSystem.get(dir.toUri(), conf);
    checkpoint = new DStreamCheckpointLayout(fs, new Path(dir.toUri()));
  }

  @AfterEach
  void closeIt() throws Exception {
    fs.close();
  }

  @Test
  void shouldKeepStateFilesAMetadataFileNamesAndDeleteThemOnceNoneDoes() throws Exception {
    shouldKeepNamedStateFiles(fs, checkpoint);
  }

  /**
   * The guard's contract on any file system: named state kept, a name that is only a prefix not
   * confused with it, kept state deleted at the next clean-up once no metadata file names it.
   */
  static void shouldKeepNamedStateFiles(FileSystem fs, DStreamCheckpointLayout checkpoint)
      throws Exception {
    Path named = checkpoint.stateDir("run-a/rdd-187");
    Path prefix = checkpoint.stateDir("run-a/rdd-18");
    checkpoint.metadata("checkpoint-1000", "run-a/rdd-187");

    assertThat(fs.delete(named, true)).isTrue();
    assertThat(checkpoint.exists(named)).as("named by checkpoint-1000").isTrue();
    assertThat(fs.delete(prefix, true)).isTrue();
    assertThat(checkpoint.exists(prefix)).as("rdd-18 is not rdd-187").isFalse();

    // The next metadata file names newer state; the next clean-up deletes what was kept.
    fs.delete(checkpoint.path("checkpoint-1000"), false);
    checkpoint.metadata("checkpoint-2000", "run-b/rdd-5");
    Path unnamed = checkpoint.stateDir("run-b/rdd-3");
    assertThat(fs.delete(unnamed, true)).isTrue();

    assertThat(checkpoint.exists(unnamed)).isFalse();
    assertThat(checkpoint.exists(named)).as("no longer named").isFalse();
  }

  @Test
  void shouldReadTheMetadataAgainWhenTheWriterMovesAFileAfterTheListing() throws Exception {
    Path named = checkpoint.stateDir("run-a/rdd-7");
    Path unnamed = checkpoint.stateDir("run-a/rdd-8");
    checkpoint.metadata("checkpoint-1000", "run-a/rdd-7");
    checkpoint.metadata("checkpoint-2000", "run-a/rdd-7");

    assertThat(StateFileGuard.keeps(movingFirstRead(), named, p -> fs.delete(p, true)))
        .as("named by the file as moved to .bk")
        .isTrue();
    assertThat(StateFileGuard.keeps(movingFirstRead(), unnamed, p -> fs.delete(p, true)))
        .as("named by no file, moved or not: not kept for want of a read")
        .isFalse();
  }

  /**
   * The file system as a clean-up sees it while the job's checkpoint writer works: the first
   * metadata file opened has just been renamed to its backup name, as the writer does before it
   * writes a newer one under the name.
   */
  private FileSystem movingFirstRead() {
    return new FilterFileSystem(fs) {
      private boolean moved;

      @Override
      public FSDataInputStream open(Path file, int bufferSize) throws IOException {
        if (!moved && file.getName().startsWith("checkpoint-")) {
          moved = true;
          fs.rename(file, file.suffix(".bk"));
          throw new FileNotFoundException(file + " does not exist");
        }
        return super.open(file, bufferSize);
      }
    };
  }

  @Test
  void shouldKeepWhatABackupMetadataFileNames() throws Exception {
    Path named = checkpoint.stateDir("run-a/rdd-7");
    checkpoint.metadata("checkpoint-1000", "run-a/rdd-9");
    checkpoint.metadata("checkpoint-1000.bk", "run-a/rdd-7");

    fs.delete(named, true);

    assertThat(checkpoint.exists(named)).isTrue();
  }

  @Test
  void shouldDeleteAnythingElseAsHadoopDoes() throws Exception {
    checkpoint.metadata("checkpoint-1000", "run-a/rdd-1", "receivedBlockMetadata");
    Path other = checkpoint.path("receivedBlockMetadata");
    fs.mkdirs(other);
    Path file = new Path(checkpoint.stateDir("run-a/rdd-1"), "part-00000");

    assertThat(fs.delete(other, true)).isTrue();
    assertThat(fs.delete(file, false)).isTrue();

    assertThat(checkpoint.exists(other)).isFalse();
    assertThat(checkpoint.exists(file)).isFalse();
  }

  @Test
  void shouldFindANameOnlyWhereItEnds() {
    byte[] bytes = "x/run/rdd-187\u0000".getBytes(StandardCharsets.UTF_8);

    assertThat(StateFileGuard.contains(bytes, "run/rdd-187".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
    assertThat(StateFileGuard.contains(bytes, "run/rdd-18".getBytes(StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(StateFileGuard.checkpointOf(new Path("/c/run/rdd-3"))).isEqualTo(new Path("/c"));
    assertThat(StateFileGuard.checkpointOf(new Path("/c/run/offsets"))).isNull();
  }
}
