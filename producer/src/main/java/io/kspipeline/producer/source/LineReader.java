package io.kspipeline.producer.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** UTF-8 line readers; undecodable bytes become U+FFFD rather than failing the whole file. */
final class LineReader {
  private LineReader() {}

  static BufferedReader open(InputStream in, boolean gzip) throws IOException {
    InputStream source = gzip ? new GZIPInputStream(in, 64 * 1024) : in;
    return new BufferedReader(
        new InputStreamReader(
            source,
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)),
        64 * 1024);
  }
}
