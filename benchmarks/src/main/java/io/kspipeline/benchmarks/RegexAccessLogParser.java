package io.kspipeline.benchmarks;

import io.kspipeline.core.logs.AccessLogRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline {@code AccessLogParser} is measured against: the same lines (Common or Combined,
 * optional virtual host, escaped quotes, trailing fields ignored) into the same record, written the
 * usual way — one precompiled regular expression per line, another for the request, and a {@link
 * DateTimeFormatter} for the time. It gives no reasons: a line it cannot read is null.
 */
public final class RegexAccessLogParser {
  private static final String QUOTED = "\"((?:[^\"\\\\]|\\\\.)*)\"";
  private static final Pattern LINE =
      Pattern.compile(
          "(?:(\\S+) )?(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] "
              + QUOTED
              + " ([1-9]\\d\\d) (\\d{1,18}|-)"
              + "(?: "
              + QUOTED
              + "(?: "
              + QUOTED
              + ")?)?(?: .*)?");
  private static final Pattern REQUEST =
      Pattern.compile("([A-Z][A-Z0-9_-]*) (.+?)(?: (HTTP/\\S*))?");
  private static final Pattern ESCAPE = Pattern.compile("\\\\([\"\\\\])");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/uuuu:HH:mm:ss xx", Locale.ENGLISH);

  /** The record, or null when the line does not match. */
  public AccessLogRecord parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return null;
    }
    Instant timestamp;
    try {
      timestamp = OffsetDateTime.parse(m.group(5), TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
    String request = unescape(m.group(6));
    Matcher r = REQUEST.matcher(request);
    boolean wellFormed = r.matches();
    String size = m.group(8);
    return new AccessLogRecord(
        m.group(1),
        dashToNull(m.group(2)),
        dashToNull(m.group(3)),
        dashToNull(m.group(4)),
        timestamp,
        wellFormed ? r.group(1) : null,
        wellFormed ? r.group(2) : null,
        wellFormed ? r.group(3) : null,
        Integer.parseInt(m.group(7)),
        size.equals("-") ? null : Long.valueOf(size),
        dashToNull(unescape(m.group(9))),
        dashToNull(unescape(m.group(10))));
  }

  private static String unescape(String quoted) {
    return quoted == null || quoted.indexOf('\\') < 0
        ? quoted
        : ESCAPE.matcher(quoted).replaceAll("$1");
  }

  private static String dashToNull(String value) {
    return "-".equals(value) ? null : value;
  }
}
