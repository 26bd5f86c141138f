package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A job {@code verify} knows how to feed and check: its events, how it keys the table's counts, its
 * output and options. Its name and table are the catalog's.
 */
interface VerifiedJob {
  /** The job as the catalog declares it. */
  JobSpec spec();

  default String name() {
    return spec().name();
  }

  /** The result table: the job's one table in the catalog, with a hits column. */
  default String table() {
    return spec().tables().get(0).name();
  }

  /** Key columns of the table that identify a count, joined with spaces into one key. */
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

  /** The jobs verify knows, in the catalog's order. */
  static List<VerifiedJob> all() {
    return List.of(
        new StatusCountsVerification(), new TopUrlsVerification(), new HashtagCountsVerification());
  }

  static VerifiedJob named(String name) {
    List<VerifiedJob> known = all();
    String wanted = name.toLowerCase(Locale.ROOT);
    for (VerifiedJob job : known) {
      if (job.name().equals(wanted)) {
        return job;
      }
    }
    List<String> names = known.stream().map(VerifiedJob::name).toList();
    throw new IllegalArgumentException(
        "verify knows "
            + String.join(", ", names.subList(0, names.size() - 1))
            + " and "
            + names.get(names.size() - 1)
            + ", not "
            + name);
  }
}
