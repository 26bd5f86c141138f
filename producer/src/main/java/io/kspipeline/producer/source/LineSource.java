package io.kspipeline.producer.source;

import java.io.IOException;

/**
 * Where a producer reads lines from. {@link #next()} blocks (a followed file waits for more) and
 * returns null at the end of the input or once {@link #stop()} was called.
 */
public interface LineSource extends AutoCloseable {
  InputLine next() throws IOException;

  /** Makes a blocked {@link #next()} return null soon; called from the shutdown hook. */
  default void stop() {}

  /** Called after everything returned so far has been acknowledged by Kafka. */
  default void checkpoint() throws IOException {}

  /** Total input size in bytes when known (files), for progress; -1 otherwise. */
  default long totalBytes() {
    return -1;
  }

  /** Bytes consumed so far, for progress; -1 when unknown. */
  default long bytesRead() {
    return -1;
  }

  @Override
  default void close() throws IOException {}
}
