package io.kspipeline.producer.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;

/**
 * Lines from standard input (e.g. {@code tail -F access.log | pipeline produce access-logs
 * --stdin}).
 */
public final class StdinSource implements LineSource {
  private final BufferedReader reader;
  private long lineNumber;
  private volatile boolean stopped;

  public StdinSource(InputStream in) throws IOException {
    this.reader = LineReader.open(in, false);
  }

  @Override
  public InputLine next() throws IOException {
    if (stopped) {
      return null;
    }
    String line = reader.readLine();
    return line == null ? null : new InputLine(line, "stdin:" + ++lineNumber);
  }

  @Override
  public void stop() {
    stopped = true;
  }
}
