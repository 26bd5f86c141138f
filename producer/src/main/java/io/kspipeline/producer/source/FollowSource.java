package io.kspipeline.producer.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@code tail -F}: follows a log file as it grows, across rotation (the path now names a new file:
 * the old one is read to its end first) and truncation (reading restarts at 0). The byte position
 * after the last acknowledged line is saved in a position file, so a restarted producer resumes
 * there instead of re-sending the file or skipping what was written while it was down.
 */
public final class FollowSource implements LineSource {
  private static final int CHUNK = 64 * 1024;

  private final Path path;
  private final Path positionFile;
  private final long pollMillis;
  private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private FileChannel channel;
  private Object fileKey;
  private long readPosition;
  private long returnedPosition;
  private long lineNumber;
  private volatile boolean stopped;

  public FollowSource(Path path, Path positionFile, Duration poll) throws IOException {
    this.path = path;
    this.positionFile = positionFile;
    this.pollMillis = Math.max(10, poll.toMillis());
    chunk.flip();
    openAtSavedPosition();
  }

  /** The default position file: {@code .<name>.position} next to the followed file. */
  public static Path defaultPositionFile(Path followed) {
    Path name = followed.getFileName();
    Path dir = followed.toAbsolutePath().getParent();
    return dir.resolve("." + name + ".position");
  }

  private void openAtSavedPosition() throws IOException {
    while (!Files.exists(path)) {
      if (stopped) {
        return;
      }
      sleep();
    }
    open(0);
    if (Files.exists(positionFile)) {
      List<String> saved = Files.readAllLines(positionFile, StandardCharsets.UTF_8);
      if (saved.size() == 2 && saved.get(0).equals(String.valueOf(fileKey))) {
        long position = Long.parseLong(saved.get(1).trim());
        if (position <= channel.size()) {
          seek(position);
        }
      }
    }
  }

  private void open(long position) throws IOException {
    if (channel != null) {
      channel.close();
    }
    channel = FileChannel.open(path, StandardOpenOption.READ);
    fileKey = keyOf(path);
    lineNumber = 0;
    seek(position);
  }

  private void seek(long position) {
    readPosition = position;
    returnedPosition = position;
    partial.reset();
    chunk.clear().flip();
  }

  @Override
  public InputLine next() throws IOException {
    while (!stopped && channel != null) {
      while (chunk.hasRemaining()) {
        byte b = chunk.get();
        if (b == '\n') {
          returnedPosition = readPosition - chunk.remaining();
          String line = partial.toString(StandardCharsets.UTF_8);
          partial.reset();
          lineNumber++;
          return new InputLine(stripCarriageReturn(line), path + ":" + lineNumber);
        }
        partial.write(b);
      }
      chunk.clear();
      int n = channel.read(chunk, readPosition);
      chunk.flip();
      if (n > 0) {
        readPosition += n;
        continue;
      }
      // At the end of the file: wait for more, a rotation or a truncation.
      if (channel.size() < readPosition) {
        open(0);
        continue;
      }
      Object current = keyOf(path);
      if (current != null && !Objects.equals(current, fileKey)) {
        String unterminated = partial.toString(StandardCharsets.UTF_8);
        String where = path + ":" + (lineNumber + 1) + " (before rotation)";
        open(0);
        if (!unterminated.isEmpty()) {
          return new InputLine(stripCarriageReturn(unterminated), where);
        }
        continue;
      }
      sleep();
    }
    return null;
  }

  @Override
  public void checkpoint() throws IOException {
    Path temp = positionFile.resolveSibling(positionFile.getFileName() + ".tmp");
    Files.writeString(temp, fileKey + "\n" + returnedPosition + "\n", StandardCharsets.UTF_8);
    Files.move(
        temp, positionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void stop() {
    stopped = true;
  }

  @Override
  public void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  /** Position after the last line returned; what {@link #checkpoint()} saves. */
  public long position() {
    return returnedPosition;
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static Object keyOf(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return null; // between rotation and the new file's creation
    }
  }

  private void sleep() {
    try {
      Thread.sleep(pollMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = true;
    }
  }
}
