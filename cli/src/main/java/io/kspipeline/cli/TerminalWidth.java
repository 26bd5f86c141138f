package io.kspipeline.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The terminal's width in columns: {@code COLUMNS} when set (shells export it to scripts only on
 * request, but users and tests can set it), else what {@code stty size} says about the controlling
 * terminal, else {@value #FALLBACK}. Java has no API for the window size, hence stty.
 */
final class TerminalWidth implements IntSupplier {
  static final int FALLBACK = 100;

  /** Narrower than this and the tables' fixed columns no longer fit; the view stays this wide. */
  static final int MINIMUM = 40;

  /** A resized window shows within this many milliseconds, without running stty every refresh. */
  private static final long RECHECK_MILLIS = 5_000;

  private long checkedAt = Long.MIN_VALUE;
  private int width;

  /** The current width, looked up again at most every few seconds. */
  @Override
  public synchronized int getAsInt() {
    long now = System.nanoTime() / 1_000_000;
    if (checkedAt == Long.MIN_VALUE || now - checkedAt >= RECHECK_MILLIS) {
      width = detect();
      checkedAt = now;
    }
    return width;
  }

  static int detect() {
    int columns = parse(System.getenv("COLUMNS"));
    if (columns > 0) {
      return columns;
    }
    if (System.console() != null) {
      columns = stty();
      if (columns > 0) {
        return columns;
      }
    }
    return FALLBACK;
  }

  /** A positive column count, or -1 when the value is not one. */
  static int parse(String columns) {
    if (columns == null) {
      return -1;
    }
    try {
      int n = Integer.parseInt(columns.trim());
      return n > 0 ? n : -1;
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  /** {@code stty size} prints "rows columns" for the terminal on its standard input. */
  private static int stty() {
    File tty = new File("/dev/tty");
    if (!tty.canRead()) {
      return -1;
    }
    try {
      Process stty =
          new ProcessBuilder("stty", "size")
              .redirectInput(tty)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      // A hung stty must not stall the live view.
      if (!stty.waitFor(500, TimeUnit.MILLISECONDS)) {
        stty.destroyForcibly();
        return -1;
      }
      String[] size =
          new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)
              .trim()
              .split("\\s+");
      return stty.exitValue() == 0 && size.length == 2 ? parse(size[1]) : -1;
    } catch (IOException noStty) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
