package io.kspipeline.jobs.common.localfs;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.io.CompressionCodec$;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a DStream job's state files ({@code <checkpoint>/<run>/rdd-N}) while a metadata file of its
 * checkpoint ({@code <checkpoint>/checkpoint-<batch time>}) still names them.
 *
 * <p>Spark's streaming checkpoint writer keeps the ten newest metadata files by batch time and,
 * after writing the file of a completed batch, deletes the state files older than those that batch
 * refers to. A restarted job replays the batches it missed while it was down; once it has generated
 * ten newer batches, a replayed batch's own metadata file is deleted as soon as it is written, yet
 * its clean-up still runs and deletes state files that the newest metadata files refer to. A crash
 * before the job writes another metadata file then leaves a checkpoint that cannot be restored
 * ({@code verify} with 20 kills of hashtag-counts and popular-hashtags found it). A state file is
 * deleted here only once no metadata file names it; one kept is deleted at a later clean-up of the
 * same checkpoint, when no metadata file names it any more.
 */
final class StateFileGuard {
  private static final Logger LOG = LoggerFactory.getLogger(StateFileGuard.class);
  private static final Pattern STATE_DIR = Pattern.compile("rdd-\\d+");
  private static final Pattern METADATA_FILE = Pattern.compile("checkpoint-\\d+(\\.bk)?");
  // How many times the metadata files are listed while the writer keeps changing them.
  private static final int LISTINGS = 5;

  /** State directories kept, by checkpoint directory. */
  private static final Map<Path, Set<Path>> KEPT = new HashMap<>();

  private StateFileGuard() {}

  /**
   * Whether {@code path} is a DStream state directory that a metadata file of its checkpoint still
   * names, in which case it is kept (and deleted at a later clean-up); false for any other path.
   * State directories kept earlier that no metadata file names any more are deleted now.
   */
  static boolean keeps(FileSystem fs, Path given, Deleter delete) throws IOException {
    // A path from a URI with a trailing slash has an empty name; its parent is the directory.
    Path path = given.getName().isEmpty() && given.getParent() != null ? given.getParent() : given;
    Path checkpoint = checkpointOf(path);
    if (checkpoint == null || !hasMetadata(fs, checkpoint)) {
      return false;
    }
    synchronized (KEPT) {
      Set<Path> kept = KEPT.computeIfAbsent(checkpoint, c -> new HashSet<>());
      for (Iterator<Path> it = kept.iterator(); it.hasNext(); ) {
        Path earlier = it.next();
        if (!earlier.equals(path) && !isNamed(fs, checkpoint, earlier)) {
          delete.recursively(earlier);
          it.remove();
          LOG.info("deleted state files {}: no checkpoint names them any more", earlier);
        }
      }
      if (!isNamed(fs, checkpoint, path)) {
        kept.remove(path);
        return false;
      }
      kept.add(path);
      LOG.info("kept state files {}: a checkpoint of the job still names them", path);
      return true;
    }
  }

  /** Deletes without asking the guard again. */
  interface Deleter {
    void recursively(Path path) throws IOException;
  }

  /** The checkpoint directory of a state directory ({@code <checkpoint>/<run>/rdd-N}), or null. */
  static Path checkpointOf(Path path) {
    Path run = path.getParent();
    if (!STATE_DIR.matcher(path.getName()).matches() || run == null || run.getParent() == null) {
      return null;
    }
    return run.getParent();
  }

  private static boolean hasMetadata(FileSystem fs, Path checkpoint) throws IOException {
    return fs.exists(checkpoint) && metadataFiles(fs, checkpoint).length > 0;
  }

  private static FileStatus[] metadataFiles(FileSystem fs, Path checkpoint) throws IOException {
    return fs.listStatus(checkpoint, p -> METADATA_FILE.matcher(p.getName()).matches());
  }

  /**
   * Whether a metadata file names the state directory. One that cannot be read counts as naming it:
   * keeping a directory too long costs disk, deleting one too early loses the job's state.
   */
  private static boolean isNamed(FileSystem fs, Path checkpoint, Path stateDir) {
    byte[] name =
        (stateDir.getParent().getName() + "/" + stateDir.getName())
            .getBytes(StandardCharsets.UTF_8);
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          return anyNames(fs, metadataFiles(fs, checkpoint), name);
        } catch (FileNotFoundException e) {
          // The job's checkpoint writer removed or renamed (to .bk) a file after the listing, as
          // it does at every checkpoint: list again.
          if (attempt == LISTINGS) {
            throw e;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not read the checkpoint at {}: keeping {} ({})", checkpoint, stateDir, e);
      return true;
    }
  }

  private static boolean anyNames(FileSystem fs, FileStatus[] files, byte[] name)
      throws IOException {
    for (FileStatus file : files) {
      if (contains(read(fs, file.getPath()), name)) {
        return true;
      }
    }
    return false;
  }

  /** A metadata file's content, decompressed as Spark wrote it. */
  private static byte[] read(FileSystem fs, Path file) throws IOException {
    SparkEnv env = SparkEnv.get();
    CompressionCodec codec =
        CompressionCodec$.MODULE$.createCodec(env != null ? env.conf() : new SparkConf(false));
    try (InputStream in = codec.compressedInputStream(fs.open(file))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  /**
   * Whether {@code name} occurs in {@code bytes} not followed by a digit (rdd-18 is not rdd-187).
   */
  static boolean contains(byte[] bytes, byte[] name) {
    outer:
    for (int i = 0; i + name.length <= bytes.length; i++) {
      for (int j = 0; j < name.length; j++) {
        if (bytes[i + j] != name[j]) {
          continue outer;
        }
      }
      int next = i + name.length;
      if (next == bytes.length || bytes[next] < '0' || bytes[next] > '9') {
        return true;
      }
    }
    return false;
  }
}
