package io.kspipeline.producer.encode;

import io.kspipeline.core.logs.AccessLogEvents;
import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.AccessLogRecord;
import io.kspipeline.core.logs.ParseOutcome;
import io.kspipeline.producer.run.Encoded;
import io.kspipeline.producer.run.RecordEncoder;
import io.kspipeline.producer.source.InputLine;
import io.kspipeline.schemas.avro.AccessLogEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Parses lines at the edge into {@link AccessLogEvent}s (Avro, Confluent framing). A line the
 * parser rejects is dead-lettered with the parser's reason, column included.
 */
public final class AccessLogEventEncoder implements RecordEncoder {
  /** Which field keys the record, and so picks its partition. */
  public enum Key {
    CLIENT_IP,
    VIRTUAL_HOST,
    NONE
  }

  private final AccessLogParser parser;
  private final Serializer<AccessLogEvent> serializer;
  private final String topic;
  private final Key key;

  public AccessLogEventEncoder(
      AccessLogParser parser, Serializer<AccessLogEvent> serializer, String topic, Key key) {
    this.parser = parser;
    this.serializer = serializer;
    this.topic = topic;
    this.key = key;
  }

  @Override
  public Encoded encode(InputLine line) {
    ParseOutcome outcome = parser.parse(line.text());
    if (outcome instanceof ParseOutcome.Parsed parsed) {
      AccessLogRecord r = parsed.record();
      return new Encoded.Record(
          keyOf(r), serializer.serialize(topic, AccessLogEvents.toAvro(r)), r.timestamp());
    }
    return new Encoded.Rejected("AccessLogParseError", ((ParseOutcome.Rejected) outcome).reason());
  }

  private byte[] keyOf(AccessLogRecord r) {
    String value =
        switch (key) {
          case CLIENT_IP -> r.clientIp();
          case VIRTUAL_HOST -> r.virtualHost();
          case NONE -> null;
        };
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }
}
