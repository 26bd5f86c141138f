package io.kspipeline.core.logs;

/**
 * What {@link AccessLogParser#parse} made of a line: the record, or why there is none. Bad lines
 * are expected input, so they are values rather than exceptions.
 */
public sealed interface ParseOutcome permits ParseOutcome.Parsed, ParseOutcome.Rejected {

  /** The line as a record. */
  record Parsed(AccessLogRecord record) implements ParseOutcome {}

  /**
   * A line that is not an access-log line, with the reason, e.g. {@code bad status at column 57:
   * "2x0"}. Columns count characters from 1.
   */
  record Rejected(String reason) implements ParseOutcome {}
}
