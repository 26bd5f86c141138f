package io.kspipeline.jobs.structured.windows;

import static org.apache.spark.sql.functions.current_timestamp;

import java.time.Duration;
import org.apache.spark.sql.Column;

/** Which clock places a record in windows. */
public enum TimeMode {
  /** The time the record itself carries (default). */
  event,
  /** The time the job reads the record, as the seed's {@code current_timestamp()}. */
  processing;

  /** The column windows are computed on, given the record's own time. */
  public Column clock(Column recordTime) {
    return this == event ? recordTime : current_timestamp();
  }

  /** The watermark delay: by processing time nothing arrives late, so windows close on time. */
  public Duration delay(Duration watermark) {
    return this == event ? watermark : Duration.ZERO;
  }
}
