package io.kspipeline.producer.source;

import io.kspipeline.core.io.GzipInput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 line readers of plain or gzipped input, told by its first bytes; undecodable bytes become
 * U+FFFD rather than failing the whole file.
 */
final class LineReader {
  private LineReader() {}

  static BufferedReader open(InputStream in) throws IOException {
    return new BufferedReader(
        new InputStreamReader(
            GzipInput.decompressing(in),
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)),
        64 * 1024);
  }
}
