package io.kspipeline.jobs.structured.input;

import io.kspipeline.core.logs.AccessLogEvents;
import io.kspipeline.core.logs.AccessLogParser;
import io.kspipeline.core.logs.ParseOutcome;
import io.kspipeline.jobs.avro.AvroRows;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;

/**
 * Spark UDF: an access-log line into {@code struct<record, error>} with the same record columns as
 * a decoded {@code AccessLogEvent}, so raw and Avro inputs feed the jobs alike.
 */
final class AccessLogParseFunction implements UDF1<String, Row> {
  private final AccessLogParser parser;

  AccessLogParseFunction(AccessLogParser parser) {
    this.parser = parser;
  }

  @Override
  public Row call(String line) {
    ParseOutcome outcome = parser.parse(line);
    if (outcome instanceof ParseOutcome.Parsed parsed) {
      return RowFactory.create(AvroRows.toRow(AccessLogEvents.toAvro(parsed.record())), null);
    }
    return RowFactory.create(null, ((ParseOutcome.Rejected) outcome).reason());
  }
}
