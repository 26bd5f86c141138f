package io.kspipeline.producer.encode;

import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.ParseOutcome;
import io.kspipeline.producer.run.Encoded;
import io.kspipeline.producer.run.RecordEncoder;
import io.kspipeline.producer.source.InputLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Lines as UTF-8 text, keyed by their first field (client address or virtual host) so one client's
 * lines stay in order on one partition. Blank lines are dead-lettered: they carry no request. Other
 * lines go as they are (the jobs parse and dead-letter them); the parser is only asked for the
 * event time when replaying.
 */
public final class RawLineEncoder implements RecordEncoder {
  private final AccessLogParser timeParser;

  /**
   * @param timeParser reads event times for --replay-speed; null when not replaying
   */
  public RawLineEncoder(AccessLogParser timeParser) {
    this.timeParser = timeParser;
  }

  @Override
  public Encoded encode(InputLine line) {
    String text = line.text();
    if (text.isBlank()) {
      return new Encoded.Rejected("EmptyLine", "empty line");
    }
    return new Encoded.Record(
        firstField(text).getBytes(StandardCharsets.UTF_8),
        text.getBytes(StandardCharsets.UTF_8),
        eventTime(text));
  }

  private Instant eventTime(String text) {
    if (timeParser != null && timeParser.parse(text) instanceof ParseOutcome.Parsed parsed) {
      return parsed.record().timestamp();
    }
    return null;
  }

  static String firstField(String line) {
    int space = line.indexOf(' ');
    return space < 0 ? line : line.substring(0, space);
  }
}
