package io.kspipeline.core.logs;

import java.io.Serializable;
import java.util.Objects;

/**
 * Parses web-server access-log lines into {@link AccessLogRecord}s.
 *
 * <p>{@link #autoDetecting()} reads Apache/nginx Common and Combined lines, with or without a
 * leading virtual host ({@code host} or {@code host:port}); {@link #forLogFormat} reads the lines
 * of one Apache {@code LogFormat}. Either way text after the last field is ignored, {@code -}
 * becomes null, quoted fields may contain backslash-escaped quotes, and the time, in any offset,
 * becomes a UTC instant.
 *
 * <p>A parser is immutable and thread-safe; it is Serializable so Spark can ship it to executors.
 * Parsing scans the line by hand and reports a bad line as a {@link ParseOutcome.Rejected} value
 * with the column (1-based character position) of the problem, never by throwing.
 */
public final class AccessLogParser implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final AccessLogParser AUTO_DETECTING =
      new AccessLogParser(
          LogFormat.withOptionalTailAfterContentSize(LogFormat.COMBINED),
          LogFormat.withOptionalTailAfterContentSize("%v " + LogFormat.COMBINED));

  /** Fields before the timestamp in a line that starts with a virtual host. */
  private static final int FIELDS_BEFORE_TIME_WITH_VHOST = 4;

  private final LogLayout layout;
  private final LogLayout vhostLayout; // null unless auto-detecting

  private AccessLogParser(LogLayout layout, LogLayout vhostLayout) {
    this.layout = layout;
    this.vhostLayout = vhostLayout;
  }

  /** Common or Combined, each with an optional virtual host in front, told apart line by line. */
  public static AccessLogParser autoDetecting() {
    return AUTO_DETECTING;
  }

  /**
   * A parser for lines written with one Apache LogFormat, e.g. {@code %h %l %u %t "%r" %>s %b}, or
   * one of the names {@code common}, {@code combined}, {@code vhost_combined}.
   *
   * <p>Mapped to the record: {@code %h %a} client, {@code %l} ident, {@code %u} user, {@code %t}
   * time, {@code %r} request (or {@code %m %U %H}), {@code %s %>s} status, {@code %b %B} size
   * ({@code %O} when there is neither), {@code %v %V} virtual host with {@code :%p} appended,
   * {@code %{Referer}i}, {@code %{User-Agent}i}. Read past: {@code %A %C %D %e %f %I %k %L %n %o %P
   * %q %R %S %T %X}, other headers and {@code %{..}^ti/to}. The format must contain {@code %t} and
   * {@code %s}.
   *
   * @throws IllegalArgumentException for an unknown directive, a custom time format {@code
   *     %{...}t}, or two directives with nothing between them
   */
  public static AccessLogParser forLogFormat(String formatOrName) {
    Objects.requireNonNull(formatOrName, "formatOrName");
    return new AccessLogParser(LogFormat.compile(formatOrName), null);
  }

  /** The record, or why the line is not one. Never throws, whatever the line holds. */
  public ParseOutcome parse(String line) {
    if (line == null || line.isBlank()) {
      return new ParseOutcome.Rejected("empty line");
    }
    if (vhostLayout != null && startsWithVirtualHost(line)) {
      return vhostLayout.parse(line);
    }
    return layout.parse(line);
  }

  /** True when the timestamp's '[' opens the fifth space-separated field rather than the fourth. */
  private static boolean startsWithVirtualHost(String line) {
    int at = 0;
    for (int field = 0; field <= FIELDS_BEFORE_TIME_WITH_VHOST; field++) {
      if (at < line.length() && line.charAt(at) == '[') {
        return field == FIELDS_BEFORE_TIME_WITH_VHOST;
      }
      int space = line.indexOf(' ', at);
      if (space < 0) {
        return false;
      }
      at = space + 1;
    }
    return false;
  }
}
