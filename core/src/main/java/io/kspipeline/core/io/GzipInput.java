package io.kspipeline.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Input that may be gzipped, told by its first two bytes rather than by a file name: archives are
 * often gzipped under a plain name (or renamed), and stdin has no name at all.
 */
public final class GzipInput {
  private static final int MAGIC_1 = 0x1f;
  private static final int MAGIC_2 = 0x8b;
  private static final int BUFFER = 64 * 1024;

  private GzipInput() {}

  /**
   * The decompressed bytes of gzip input (every member of a concatenation), else the bytes as they
   * are. Blocks until two bytes (or the end) have arrived.
   */
  public static InputStream decompressing(InputStream in) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
    buffered.mark(2);
    int first = buffered.read();
    int second = first < 0 ? -1 : buffered.read();
    buffered.reset();
    return first == MAGIC_1 && second == MAGIC_2 ? new GZIPInputStream(buffered, BUFFER) : buffered;
  }
}
