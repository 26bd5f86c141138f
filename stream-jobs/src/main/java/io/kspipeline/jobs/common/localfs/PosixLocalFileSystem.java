package io.kspipeline.jobs.common.localfs;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) that sets permissions through Java's own POSIX file
 * attributes. Without Hadoop's native library, the stock one starts a {@code chmod} process for
 * every file it creates: a streaming job's checkpoint and state files, several per micro-batch,
 * made about six processes a second in the demo, each a fork of a JVM of gigabytes. It also keeps
 * the state files of a DStream job that its checkpoint still needs ({@link StateFileGuard}).
 */
public final class PosixLocalFileSystem extends LocalFileSystem {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  public PosixLocalFileSystem() {
    super(POSIX ? new PosixRawLocalFileSystem() : new RawLocalFileSystem());
  }

  /**
   * Deletes, except a DStream job's state files that its checkpoint still names ({@link
   * StateFileGuard}).
   */
  @Override
  public boolean delete(Path path, boolean recursive) throws IOException {
    if (recursive && StateFileGuard.keeps(this, path, kept -> super.delete(kept, true))) {
      return true;
    }
    return super.delete(path, recursive);
  }

  /** The raw (checksum-free) side, where files are created and permissions set. */
  static final class PosixRawLocalFileSystem extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission));
    }
  }

  /** The nine rwx bits of a Hadoop permission (a sticky bit has no Java equivalent: dropped). */
  static Set<PosixFilePermission> posix(FsPermission permission) {
    short bits = permission.toShort();
    PosixFilePermission[] byBit = {
      PosixFilePermission.OTHERS_EXECUTE,
      PosixFilePermission.OTHERS_WRITE,
      PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE,
      PosixFilePermission.OWNER_WRITE,
      PosixFilePermission.OWNER_READ
    };
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < byBit.length; bit++) {
      if ((bits & (1 << bit)) != 0) {
        set.add(byBit[bit]);
      }
    }
    return set;
  }
}
