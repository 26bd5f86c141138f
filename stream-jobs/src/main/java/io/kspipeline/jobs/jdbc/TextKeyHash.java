package io.kspipeline.jobs.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The fixed-size stand-in of a {@link Column.Type#TEXT} key in a table's primary key: the lowercase
 * hex SHA-256 of the text's UTF-8 bytes, in a column named after the text's ({@code endpoint} →
 * {@code endpoint_sha256}).
 */
final class TextKeyHash {
  static final int LENGTH = 64;

  private TextKeyHash() {}

  static String columnOf(Column text) {
    return text.name() + "_sha256";
  }

  static String of(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
