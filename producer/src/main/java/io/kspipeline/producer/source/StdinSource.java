package io.kspipeline.producer.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lines from standard input, plain or gzipped (e.g. {@code tail -F access.log | pipeline produce
 * access-logs --stdin}).
 */
public final class StdinSource implements LineSource {
  private final InputStream in;
  private BufferedReader reader;
  private long lineNumber;
  private volatile boolean stopped;

  public StdinSource(InputStream in) {
    this.in = in;
  }

  @Override
  public InputLine next() throws IOException {
    if (stopped) {
      return null;
    }
    if (reader == null) {
      reader = LineReader.open(in); // at the first read: telling gzip apart waits for input
    }
    String line = reader.readLine();
    return line == null ? null : new InputLine(line, "stdin:" + ++lineNumber);
  }

  @Override
  public void stop() {
    stopped = true;
  }
}
