package io.kspipeline.producer.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Files read one after the other (plain or gzipped, whatever their names), from paths or globs such
 * as {@code /var/log/nginx/access.log*}; glob matches are read in name order.
 */
public final class FilesSource implements LineSource {
  private final List<Path> files;
  private final long totalBytes;
  private int fileIndex = -1;
  private BufferedReader reader;
  private CountingInputStream counter;
  private long lineNumber;
  private long finishedBytes;
  private volatile boolean stopped;

  public FilesSource(List<String> pathsOrGlobs) throws IOException {
    this.files = expand(pathsOrGlobs);
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    this.totalBytes = total;
  }

  static List<Path> expand(List<String> pathsOrGlobs) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String spec : pathsOrGlobs) {
      if (!spec.contains("*") && !spec.contains("?") && !spec.contains("[")) {
        Path path = Path.of(spec);
        if (!Files.isRegularFile(path)) {
          throw new NoSuchFileException(spec, null, "no such file");
        }
        files.add(path);
        continue;
      }
      Path pattern = Path.of(spec);
      Path dir = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
      List<Path> matches = new ArrayList<>();
      try (DirectoryStream<Path> stream =
          Files.newDirectoryStream(dir, pattern.getFileName().toString())) {
        stream.forEach(
            p -> {
              if (Files.isRegularFile(p)) {
                matches.add(p);
              }
            });
      }
      if (matches.isEmpty()) {
        throw new NoSuchFileException(spec, null, "no file matches the pattern");
      }
      matches.sort(null);
      files.addAll(matches);
    }
    return files;
  }

  public List<Path> files() {
    return files;
  }

  @Override
  public InputLine next() throws IOException {
    while (!stopped) {
      if (reader == null && !openNext()) {
        return null;
      }
      String line = reader.readLine();
      if (line != null) {
        lineNumber++;
        return new InputLine(line, files.get(fileIndex) + ":" + lineNumber);
      }
      finishedBytes += Files.size(files.get(fileIndex));
      reader.close();
      reader = null;
    }
    return null;
  }

  private boolean openNext() throws IOException {
    if (++fileIndex >= files.size()) {
      return false;
    }
    Path file = files.get(fileIndex);
    counter = new CountingInputStream(Files.newInputStream(file));
    reader = LineReader.open(counter);
    lineNumber = 0;
    return true;
  }

  @Override
  public void stop() {
    stopped = true;
  }

  @Override
  public long totalBytes() {
    return totalBytes;
  }

  @Override
  public long bytesRead() {
    return finishedBytes + (reader == null || counter == null ? 0 : counter.count());
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }

  /** Counts compressed bytes read, so progress of gzipped files is in file bytes too. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    private volatile long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    long count() {
      return count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
