package io.kspipeline.core.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.AccessLogRecord;
import io.kspipeline.core.logs.ParseOutcome;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code parse access-log}: one JSON object per line with the record's fields, or {@code {"error":
 * reason}}.
 */
@Command(
    name = "access-log",
    mixinStandardHelpOptions = true,
    description =
        "Parse access-log lines from stdin; print one JSON object per line: the record's fields"
            + " (timestamp in ISO-8601 UTC, null for \"-\"), or {\"error\": reason}.")
public final class ParseAccessLogCommand implements Callable<Integer> {
  @ParentCommand private ParseCommand parse;

  @Option(
      names = "--log-format",
      paramLabel = "F",
      converter = LogFormatConverter.class,
      description =
          // picocli formats help texts: a LogFormat's % is written %%.
          "An Apache LogFormat, e.g. '%%h %%l %%u %%t \"%%r\" %%>s %%b', or common, combined,"
              + " vhost_combined. Default: Common or Combined, with an optional virtual host,"
              + " told apart line by line.")
  private AccessLogParser parser = AccessLogParser.autoDetecting();

  @Override
  public Integer call() throws IOException {
    return parse.translate(this::translate);
  }

  private void translate(String line, JsonLines out) throws IOException {
    ParseOutcome outcome = parser.parse(line);
    if (outcome instanceof ParseOutcome.Parsed parsed) {
      write(parsed.record(), out.json());
      out.endValue();
    } else {
      out.writeSingleField("error", ((ParseOutcome.Rejected) outcome).reason());
    }
  }

  /** The record's components by name and in order; null where the record has none. */
  static void write(AccessLogRecord r, JsonGenerator json) throws IOException {
    json.writeStartObject();
    json.writeStringField("virtualHost", r.virtualHost());
    json.writeStringField("clientIp", r.clientIp());
    json.writeStringField("ident", r.ident());
    json.writeStringField("userId", r.userId());
    json.writeStringField("timestamp", r.timestamp().toString());
    json.writeStringField("method", r.method());
    json.writeStringField("endpoint", r.endpoint());
    json.writeStringField("protocol", r.protocol());
    json.writeNumberField("status", r.status());
    if (r.contentSize() == null) {
      json.writeNullField("contentSize");
    } else {
      json.writeNumberField("contentSize", r.contentSize());
    }
    json.writeStringField("referrer", r.referrer());
    json.writeStringField("userAgent", r.userAgent());
    json.writeEndObject();
  }

  /** Makes a bad --log-format a usage error with the parser's explanation. */
  static final class LogFormatConverter implements ITypeConverter<AccessLogParser> {
    @Override
    public AccessLogParser convert(String format) {
      try {
        return AccessLogParser.forLogFormat(format);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
