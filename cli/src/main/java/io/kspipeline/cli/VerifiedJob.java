package io.kspipeline.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/** A job {@code verify} knows how to feed and check: its events, table, output and options. */
interface VerifiedJob {
  String name();

  /** The result table, its key columns (joined with spaces into one key) and a hits column. */
  String table();

  List<String> keyColumns();

  /** Schema of the output topic's values. */
  Schema outputSchema();

  /** The counts one output value states, keyed as the table's keys. */
  Map<String, Long> topicCounts(GenericRecord value);

  /** {@code count} events with unique ids, and the counts they must give. */
  VerifyEvents events(int count, Random random);

  /**
   * The job's command line for one run.
   *
   * @param backlog records each run gets, to pace the job so a run lasts several batches
   * @param drain whether this is the final run, which must process everything and end
   */
  List<String> args(VerifySetup setup, int backlog, boolean drain);

  /** Whether the job ends by itself when drained (Structured, available-now). */
  boolean endsWhenDrained();

  static VerifiedJob named(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case StatusCountsVerification.NAME:
        return new StatusCountsVerification();
      case HashtagCountsVerification.NAME:
        return new HashtagCountsVerification();
      case TopUrlsVerification.NAME:
        return new TopUrlsVerification();
      default:
        throw new IllegalArgumentException(
            "verify knows "
                + StatusCountsVerification.NAME
                + ", "
                + TopUrlsVerification.NAME
                + " and "
                + HashtagCountsVerification.NAME
                + ", not "
                + name);
    }
  }
}
