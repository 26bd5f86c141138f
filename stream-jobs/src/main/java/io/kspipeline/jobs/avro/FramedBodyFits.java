package io.kspipeline.jobs.avro;

import io.kspipeline.schemas.serde.AvroBodyCheck;
import io.kspipeline.schemas.serde.ConfluentWireFormat;
import org.apache.avro.Schema;
import org.apache.spark.sql.api.java.UDF1;

/**
 * Spark UDF telling whether a frame's body fits its bytes when read with a schema: every length and
 * item count no larger than what is left. spark-avro allocates what a body claims before reading it
 * (a 19-byte frame claiming two billion hashtags is an OutOfMemoryError that takes down the
 * executor), so it is only given bodies that pass. Allocates nothing.
 */
final class FramedBodyFits implements UDF1<byte[], Boolean> {
  private final String schema;
  private transient Schema parsed;

  FramedBodyFits(Schema schema) {
    this.schema = schema.toString();
  }

  @Override
  public Boolean call(byte[] framed) {
    if (framed == null) {
      return false; // SQL's AND asks even when the header check is null, as it is for a tombstone
    }
    if (parsed == null) {
      parsed = new Schema.Parser().parse(schema);
    }
    return AvroBodyCheck.fits(parsed, framed, ConfluentWireFormat.HEADER_LENGTH);
  }
}
