package io.kspipeline.producer.encode;

import io.kspipeline.producer.run.Encoded;
import io.kspipeline.producer.run.RecordEncoder;
import io.kspipeline.producer.source.InputLine;
import java.nio.charset.StandardCharsets;

/**
 * Lines as UTF-8 text, keyed by their first field (client address or virtual host) so one client's
 * lines stay in order on one partition. Blank lines are dead-lettered: they carry no request.
 */
public final class RawLineEncoder implements RecordEncoder {
  @Override
  public Encoded encode(InputLine line) {
    String text = line.text();
    if (text.isBlank()) {
      return new Encoded.Rejected("EmptyLine", "empty line");
    }
    return new Encoded.Record(
        firstField(text).getBytes(StandardCharsets.UTF_8),
        text.getBytes(StandardCharsets.UTF_8),
        null);
  }

  static String firstField(String line) {
    int space = line.indexOf(' ');
    return space < 0 ? line : line.substring(0, space);
  }
}
