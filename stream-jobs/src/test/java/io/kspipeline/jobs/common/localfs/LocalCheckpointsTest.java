package io.kspipeline.jobs.common.localfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCheckpointsTest {
  @TempDir Path dir;

  @Test
  void shouldWriteLocalCheckpointsWithoutProcessesOnlyForALocalMasterAndPath() {
    SparkConf local = new SparkConf(false).setMaster("local[2]");
    LocalCheckpoints.apply(local, "checkpoints/top-urls");
    assertThat(local.get(LocalCheckpoints.FILE_SYSTEM))
        .isEqualTo(PosixLocalFileSystem.class.getName());
    assertThat(local.get(LocalCheckpoints.CHECKPOINT_MANAGER))
        .isEqualTo(LocalCheckpoints.FILE_SYSTEM_MANAGER);

    SparkConf onHdfs = new SparkConf(false).setMaster("local[2]");
    LocalCheckpoints.apply(onHdfs, "hdfs://nn:8020/checkpoints/top-urls");
    assertThat(onHdfs.contains(LocalCheckpoints.CHECKPOINT_MANAGER)).isFalse();

    SparkConf cluster = new SparkConf(false).setMaster("yarn");
    LocalCheckpoints.apply(cluster, "file:/data/checkpoints");
    assertThat(cluster.contains(LocalCheckpoints.FILE_SYSTEM)).isFalse();

    SparkConf chosen =
        new SparkConf(false)
            .setMaster("local[*]")
            .set(LocalCheckpoints.CHECKPOINT_MANAGER, "com.example.Manager");
    LocalCheckpoints.apply(chosen, "/tmp/c");
    assertThat(chosen.get(LocalCheckpoints.CHECKPOINT_MANAGER)).isEqualTo("com.example.Manager");
  }

  @Test
  void shouldTellLocalPathsFromOtherFileSystems() {
    assertThat(LocalCheckpoints.isLocalPath("/var/lib/pipeline")).isTrue();
    assertThat(LocalCheckpoints.isLocalPath("file:///var/lib/pipeline")).isTrue();
    assertThat(LocalCheckpoints.isLocalPath("C:\\pipeline")).isTrue();
    assertThat(LocalCheckpoints.isLocalPath("s3a://bucket/checkpoints")).isFalse();
  }

  @Test
  void shouldGiveTheDriverOurLocalFileSystemWhateverTheMaster() throws Exception {
    // Hadoop caches the first file system of a scheme per JVM: the driver's first look decides.
    try (FileSystem fs =
        FileSystem.newInstance(dir.toUri(), LocalCheckpoints.driverConfiguration())) {
      assertThat(fs).isInstanceOf(PosixLocalFileSystem.class);
    }
  }

  @Test
  void shouldCreateFilesWithTheRequestedPermissionsAsHadoopDoes() throws Exception {
    Configuration conf = new Configuration(false);
    conf.set("fs.file.impl", PosixLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    try (FileSystem fs = FileSystem.get(dir.toUri(), conf)) {
      assertThat(fs).isInstanceOf(PosixLocalFileSystem.class);
      org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.toUri() + "/a/b/offsets");
      try (OutputStream out =
          fs.create(file, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
        out.write("v1".getBytes(StandardCharsets.UTF_8));
      }
      assertThat(Files.readString(dir.resolve("a/b/offsets"))).isEqualTo("v1");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve("a/b/offsets"))))
          .isEqualTo("rw-r-----");
      fs.setPermission(file, new FsPermission((short) 0755));
      assertThat(Files.getPosixFilePermissions(dir.resolve("a/b/offsets")))
          .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_READ)
          .doesNotContain(PosixFilePermission.OTHERS_WRITE);
      // Hadoop's checksum side file is written beside it, as with the stock local file system.
      assertThat(dir.resolve("a/b/.offsets.crc")).exists();
    }
  }

  @Test
  void shouldMapEveryPermissionBit() {
    assertThat(PosixLocalFileSystem.posix(new FsPermission((short) 0777))).hasSize(9);
    assertThat(PosixLocalFileSystem.posix(new FsPermission((short) 01750)))
        .containsExactlyInAnyOrder(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE);
  }
}
