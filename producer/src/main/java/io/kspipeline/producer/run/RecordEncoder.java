package io.kspipeline.producer.run;

import io.kspipeline.producer.source.InputLine;

/** Turns input lines into records for one topic. Implementations must not throw on bad input. */
public interface RecordEncoder {
  Encoded encode(InputLine line);
}
