package io.kspipeline.producer.run;

import java.time.Instant;

/**
 * What an input line becomes: a Kafka record, or a rejection that goes to the dead-letter topic.
 *
 * @param eventTime when the event happened, for --replay-speed; null when unknown
 */
public sealed interface Encoded permits Encoded.Record, Encoded.Rejected {
  Instant eventTime();

  /** A record for the main topic. */
  record Record(byte[] key, byte[] value, Instant eventTime) implements Encoded {}

  /** A line that cannot become a record, with the error to put in its dead letter. */
  record Rejected(String errorClass, String errorMessage) implements Encoded {
    @Override
    public Instant eventTime() {
      return null;
    }
  }
}
