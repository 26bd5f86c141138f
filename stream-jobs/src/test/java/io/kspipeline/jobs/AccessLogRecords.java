package io.kspipeline.jobs;

import io.kspipeline.core.logs.AccessLogEvents;
import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.ParseOutcome;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;

/**
 * Access-log events for the error-lines tests, made from combined-format lines (so a test can
 * expect a server error back as the line it came from) and framed as the producer frames them.
 */
public final class AccessLogRecords {
  private AccessLogRecords() {}

  /** A combined-format request line for {@code endpoint} answered with {@code status}. */
  public static String line(String endpoint, int status) {
    return "10.0.0.1 - - [01/Jan/2024:00:00:00 +0000] \"GET "
        + endpoint
        + " HTTP/1.1\" "
        + status
        + " 5 \"-\" \"curl/8.0\"";
  }

  /** The event a combined-format line holds. */
  public static AccessLogEvent event(String line) {
    ParseOutcome outcome = AccessLogParser.autoDetecting().parse(line);
    if (!(outcome instanceof ParseOutcome.Parsed parsed)) {
      throw new IllegalArgumentException("not an access-log line: " + line + " (" + outcome + ")");
    }
    return AccessLogEvents.toAvro(parsed.record());
  }

  /** The line's event, Confluent-framed Avro with the registry's schema id. */
  public static byte[] framed(String registry, String topic, String line) {
    return new ConfluentAvroSerializer<AccessLogEvent>(SchemaRegistries.connect(registry), true)
        .serialize(topic, event(line));
  }
}
