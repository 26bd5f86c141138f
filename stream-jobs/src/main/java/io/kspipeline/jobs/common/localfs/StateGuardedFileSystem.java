package io.kspipeline.jobs.common.localfs;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file system of a DStream job's checkpoint as the driver uses it on HDFS or an object store:
 * everything goes to the file system Hadoop gave, except that the state files the checkpoint still
 * names are kept ({@link StateFileGuard}).
 *
 * <p>Spark's streaming clean-up deletes state files in the driver, through the file system Hadoop
 * caches for the checkpoint's scheme, authority and user in that JVM. That entry may exist before
 * the job runs (on YARN, the application master has read the staging directory on HDFS), so a
 * configured file system class would not be used; {@link #install} replaces the cached entry with
 * this wrapper of it instead. Executors keep Hadoop's own file system: they write state files but
 * do not delete them.
 */
public final class StateGuardedFileSystem extends FilterFileSystem {
  private static final Logger LOG = LoggerFactory.getLogger(StateGuardedFileSystem.class);

  StateGuardedFileSystem(FileSystem guarded) {
    super(guarded);
  }

  /**
   * Makes the driver's file system of {@code checkpoint} keep the state files the checkpoint names,
   * for the current user: this wrapper, or on a local disk {@link PosixLocalFileSystem}. Nothing to
   * do when it already does; when Hadoop's cache cannot be changed, the job runs on with Spark's
   * own clean-up and a warning says so.
   */
  public static void install(String checkpoint, Configuration conf) {
    URI location = new Path(checkpoint).toUri();
    try {
      FileSystem cached = FileSystem.get(location, conf);
      if (cached instanceof PosixLocalFileSystem || cached instanceof StateGuardedFileSystem) {
        return;
      }
      // Spark treats a LocalFileSystem specially (uninterruptible metadata writes): on a local
      // disk the guard is our subclass of it, not a wrapper.
      FileSystem guard =
          cached instanceof LocalFileSystem
              ? new PosixLocalFileSystem()
              : new StateGuardedFileSystem(cached);
      guard.initialize(cached.getUri(), cached.getConf());
      cache(cached, conf, guard);
      LOG.info(
          "the checkpoint's state files on {} are kept while its metadata names them",
          cached.getUri());
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "cannot guard the state files of the checkpoint {} ({}): Spark's streaming clean-up may"
              + " delete state a checkpoint still names if the job crashes while it catches up",
          checkpoint,
          e.toString());
    }
  }

  /**
   * Puts {@code guard} in Hadoop's cache where {@code cached} was (scheme, authority, current
   * user), with its cache key, so that closing it takes it out as closing {@code cached} would
   * have. Hadoop offers this only to its own tests (package-private), hence reflection.
   */
  private static void cache(FileSystem cached, Configuration conf, FileSystem guard)
      throws IOException, ReflectiveOperationException {
    Field key = FileSystem.class.getDeclaredField("key");
    key.setAccessible(true);
    key.set(guard, key.get(cached));
    Method add =
        FileSystem.class.getDeclaredMethod(
            "addFileSystemForTesting", URI.class, Configuration.class, FileSystem.class);
    add.setAccessible(true);
    try {
      add.invoke(null, cached.getUri(), conf, guard);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw e;
    }
  }

  /** Deletes, except state files a metadata file of their checkpoint still names. */
  @Override
  public boolean delete(Path path, boolean recursive) throws IOException {
    if (recursive && StateFileGuard.keeps(this, path, kept -> fs.delete(kept, true))) {
      return true;
    }
    return fs.delete(path, recursive);
  }
}
