package io.kspipeline.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What the fuzz tests share: raw fuzzer bytes as text, and an explicit time bound per input on top
 * of Jazzer's {@code -timeout} (which only applies when fuzzing for real).
 */
public final class FuzzInput {
  /**
   * Far above what one line of a few KiB can take; crossing it means a blow-up, not a slow CPU. Not
   * preemptive: a true hang is caught by Jazzer's timeout, or surefire's fork timeout.
   */
  public static final Duration PER_INPUT_BOUND = Duration.ofSeconds(3);

  private FuzzInput() {}

  /**
   * The bytes as UTF-8, the way lines reach the parsers from Kafka; malformed sequences become
   * U+FFFD, so seed files are plain text files.
   */
  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Runs {@code call} and fails when it took longer than {@link #PER_INPUT_BOUND}. */
  public static <T> T withinBound(String input, Supplier<T> call) {
    long start = System.nanoTime();
    T result = call.get();
    long elapsed = System.nanoTime() - start;
    if (elapsed > PER_INPUT_BOUND.toNanos()) {
      throw new AssertionError(
          "took " + elapsed / 1_000_000 + " ms for an input of " + input.length() + " chars");
    }
    return result;
  }
}
