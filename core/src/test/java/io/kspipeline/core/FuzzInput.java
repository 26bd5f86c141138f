package io.kspipeline.core;

import java.nio.charset.StandardCharsets;

/**
 * What the fuzz tests share: raw fuzzer bytes as text. No time bound here: tests do not assert
 * speed; a hang is Jazzer's {@code -timeout} under {@code -Pfuzz} (docs/fuzzing.md).
 */
public final class FuzzInput {
  private FuzzInput() {}

  /**
   * The bytes as UTF-8, the way lines reach the parsers from Kafka; malformed sequences become
   * U+FFFD, so seed files are plain text files.
   */
  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
