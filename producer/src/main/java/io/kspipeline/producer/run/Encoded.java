package io.kspipeline.producer.run;

import java.time.Instant;

/**
 * What an input line becomes: a Kafka record, or a rejection that goes to the dead-letter topic.
 *
 * @param eventTime when the event happened, for --replay-speed; null when unknown
 */
public sealed interface Encoded
    permits Encoded.Record, Encoded.Records, Encoded.Skipped, Encoded.Rejected {
  Instant eventTime();

  /** A record for the main topic. */
  record Record(byte[] key, byte[] value, Instant eventTime) implements Encoded {}

  /** Several records from one line (a page of tweets). */
  record Records(java.util.List<Record> records, Instant eventTime) implements Encoded {}

  /** A line that is valid input but carries no record (a stream control message), counted. */
  record Skipped(String kind) implements Encoded {
    @Override
    public Instant eventTime() {
      return null;
    }
  }

  /** A line that cannot become a record, with the error to put in its dead letter. */
  record Rejected(String errorClass, String errorMessage) implements Encoded {
    @Override
    public Instant eventTime() {
      return null;
    }
  }
}
