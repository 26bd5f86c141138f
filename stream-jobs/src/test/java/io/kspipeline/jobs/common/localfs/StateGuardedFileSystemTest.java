package io.kspipeline.jobs.common.localfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.PrivilegedExceptionAction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.security.UserGroupInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driver whose JVM cached Hadoop's own file system for the checkpoint's scheme before the job
 * ran, as a YARN application master has: the guard replaces that cache entry. Runs as a user of its
 * own, whose cache entries no other test shares.
 */
class StateGuardedFileSystemTest {
  private final UserGroupInformation user =
      UserGroupInformation.createRemoteUser("state-guard-test");

  @TempDir java.nio.file.Path dir;

  @AfterEach
  void closeTheUsersFileSystems() throws Exception {
    FileSystem.closeAllForUGI(user);
  }

  @Test
  void shouldGuardTheFileSystemHadoopHadCachedForTheCheckpoint() throws Exception {
    as(
        () -> {
          Configuration conf = new Configuration(false);
          Path location = new Path(dir.toUri() + "/checkpoint");
          FileSystem before = location.getFileSystem(conf);
          assertThat(before).isExactlyInstanceOf(LocalFileSystem.class);

          StateGuardedFileSystem.install(location.toString(), conf);
          // What Spark's clean-up asks for, with its own configuration.
          FileSystem guarded = location.getFileSystem(new Configuration(false));
          // Still a LocalFileSystem, as Spark's local-disk checks expect.
          assertThat(guarded).isInstanceOf(PosixLocalFileSystem.class);
          StateGuardedFileSystem.install(location.toString(), conf);
          assertThat(location.getFileSystem(conf)).as("installed once").isSameAs(guarded);

          StateFileGuardTest.shouldKeepNamedStateFiles(
              guarded, new DStreamCheckpointLayout(guarded, location));

          guarded.close();
          assertThat(location.getFileSystem(conf))
              .as("a closed file system leaves Hadoop's cache, the guard too")
              .isNotSameAs(guarded);
          return null;
        });
  }

  @Test
  void shouldWrapAnyOtherFileSystem() throws Exception {
    as(
        () -> {
          // Stands for HDFS or an object store: a file system that is not a LocalFileSystem.
          Configuration conf = new Configuration(false);
          conf.set("fs.file.impl", RawLocalFileSystem.class.getName());
          Path location = new Path(dir.toUri() + "/checkpoint");
          assertThat(location.getFileSystem(conf)).isExactlyInstanceOf(RawLocalFileSystem.class);

          StateGuardedFileSystem.install(location.toString(), conf);
          FileSystem guarded = location.getFileSystem(conf);
          assertThat(guarded).isInstanceOf(StateGuardedFileSystem.class);
          assertThat(guarded.getUri()).isEqualTo(URI.create("file:///"));

          StateFileGuardTest.shouldKeepNamedStateFiles(
              guarded, new DStreamCheckpointLayout(guarded, location));
          return null;
        });
  }

  @Test
  void shouldLeaveOurLocalFileSystemAsItIs() throws Exception {
    as(
        () -> {
          Path location = new Path(dir.toUri() + "/checkpoint");
          FileSystem local = location.getFileSystem(LocalCheckpoints.driverConfiguration());
          assertThat(local).isInstanceOf(PosixLocalFileSystem.class);

          StateGuardedFileSystem.install(location.toString(), new Configuration(false));

          assertThat(location.getFileSystem(new Configuration(false))).isSameAs(local);
          return null;
        });
  }

  private void as(PrivilegedExceptionAction<Void> action) throws Exception {
    user.doAs(action);
  }
}
