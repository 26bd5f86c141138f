package io.kspipeline.jobs.dstream;

import java.io.Serializable;

/**
 * What a partition of a batch's output pass returns to the driver: a result the driver writes (a
 * table row, a console line, a top-N candidate), or how many records it dead-lettered.
 */
record Returned<T>(T result, long deadLetters) implements Serializable {
  static <T> Returned<T> result(T result) {
    return new Returned<>(result, 0);
  }

  static <T> Returned<T> deadLetters(long count) {
    return new Returned<>(null, count);
  }
}
