package io.kspipeline.benchmarks.bench;

import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.producer.encode.AccessLogEventEncoder;
import io.kspipeline.producer.run.Encoded;
import io.kspipeline.producer.source.GeneratedAccessLogs;
import io.kspipeline.producer.source.InputLine;
import io.kspipeline.schemas.avro.AccessLogEvent;
import io.kspipeline.schemas.registry.SchemaRegistries;
import io.kspipeline.schemas.serde.ConfluentAvroSerializer;
import java.time.Instant;

/**
 * The mean value size our producer writes for the generated access logs, so that
 * ProducerPerformance sends records of the same size.
 */
final class RecordSize {
  private RecordSize() {}

  static int meanAccessLogValueBytes(long seed, int sample) {
    AccessLogEventEncoder encoder =
        new AccessLogEventEncoder(
            AccessLogParser.autoDetecting(),
            new ConfluentAvroSerializer<AccessLogEvent>(
                SchemaRegistries.connect("mock://bench-record-size"), true),
            "access-logs",
            AccessLogEventEncoder.Key.NONE);
    GeneratedAccessLogs lines = new GeneratedAccessLogs(seed, sample, Instant.now(), 1000);
    long bytes = 0;
    long records = 0;
    for (InputLine line = lines.next(); line != null; line = lines.next()) {
      if (encoder.encode(line) instanceof Encoded.Record r) {
        bytes += r.value().length;
        records++;
      }
    }
    return (int) Math.round((double) bytes / Math.max(records, 1));
  }
}
