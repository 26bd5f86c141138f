package io.kspipeline.cli;

import io.kspipeline.jobs.catalog.JobCatalog;
import io.kspipeline.jobs.catalog.JobSpec;
import io.kspipeline.jobs.catalog.JobSpec.Api;
import io.kspipeline.jobs.dstream.ErrorLinesJob;
import io.kspipeline.jobs.dstream.HashtagCountsJob;
import io.kspipeline.jobs.dstream.PopularHashtagsJob;
import io.kspipeline.jobs.jdbc.Column;
import io.kspipeline.jobs.structured.ActionCountsJob;
import io.kspipeline.jobs.structured.ErrorAlertsJob;
import io.kspipeline.jobs.structured.StatusCountsJob;
import io.kspipeline.jobs.structured.TopUrlsJob;
import io.kspipeline.jobs.structured.TrendingHashtagsJob;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A job {@code verify} feeds and checks. What is checked follows from the catalog's declaration:
 * the table (its keys and hits), the output topic (its value record, compacted or a log) and the
 * API (how a run is paced and drained). A job adds what genuinely differs: its events and the
 * counts they must give, the options it runs with, and what one output value states.
 */
interface VerifiedJob {
  /** What {@code --job} takes to verify every job in turn. */
  String ALL = "all";

  /** The job as the catalog declares it. */
  JobSpec spec();

  /** {@code count} events with unique ids, and the counts they must give. */
  VerifyEvents events(int count, Random random);

  /** The counts one output value states, keyed as the truth's keys. */
  Map<String, Long> topicCounts(OutputValue value);

  /** Options of the job's runs beyond the shared ones (windows, top N). */
  default List<String> options() {
    return List.of();
  }

  default String name() {
    return spec().name();
  }

  /**
   * Whether the job writes its output topic exactly once (--kafka-output's default): a raw
   * duplicate there then fails the run.
   */
  default boolean writesExactlyOnce() {
    return true;
  }

  /** Whether the job writes a table; a job without one has its output topic as its result. */
  default boolean hasTable() {
    return !spec().tables().isEmpty();
  }

  /** The result table: the job's one table in the catalog, with a hits column. */
  default String table() {
    return spec().tables().get(0).name();
  }

  /**
   * Key columns of the table that identify a count, joined with spaces into one key: the table's
   * keys but a window's end, which its start and fixed length give.
   */
  default List<String> keyColumns() {
    return spec().tables().get(0).keyColumns().stream()
        .map(Column::name)
        .filter(name -> !name.equals("window_end"))
        .toList();
  }

  /** An SQL condition on the table's rows that hold the results; empty for every row. */
  default String resultRows() {
    return "";
  }

  /** How the output topic states the results: compacted topics by key, logs record by record. */
  default OutputReading outputReading() {
    return spec().output().compacted()
        ? OutputReading.LATEST_PER_KEY
        : OutputReading.DISTINCT_RECORDS;
  }

  /**
   * The job's command line for one run.
   *
   * @param backlog records each run gets, to pace the job so a run lasts several batches
   * @param kind whether the run is stopped, or is the final run, which must process everything
   */
  default List<String> args(VerifySetup setup, int backlog, JobRunArgs.RunKind kind) {
    return JobRunArgs.of(this, setup, backlog, kind);
  }

  /** Whether the job ends by itself when drained (Structured, available-now). */
  default boolean endsWhenDrained() {
    return spec().api() == Api.STRUCTURED;
  }

  /** Every job of the catalog, in its order. */
  static List<VerifiedJob> all() {
    return JobCatalog.all().stream().map(VerifiedJob::of).toList();
  }

  /** How verify checks a catalog job; a job added to the catalog fails here until it knows it. */
  static VerifiedJob of(JobSpec spec) {
    return switch (spec.name()) {
      case StatusCountsJob.NAME -> new StatusCountsVerification();
      case TopUrlsJob.NAME -> new TopUrlsVerification();
      case ActionCountsJob.NAME -> new ActionCountsVerification();
      case TrendingHashtagsJob.NAME -> new TrendingHashtagsVerification();
      case ErrorAlertsJob.NAME -> new ErrorAlertsVerification();
      case ErrorLinesJob.NAME -> new ErrorLinesVerification();
      case PopularHashtagsJob.NAME -> new PopularHashtagsVerification();
      case HashtagCountsJob.NAME -> new HashtagCountsVerification();
      default -> throw new IllegalArgumentException("verify has no check for job " + spec.name());
    };
  }

  /** The jobs {@code --job} names: one, or {@value #ALL}. */
  static List<VerifiedJob> selected(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    List<VerifiedJob> known = all();
    if (wanted.equals(ALL)) {
      return known;
    }
    for (VerifiedJob job : known) {
      if (job.name().equals(wanted)) {
        return List.of(job);
      }
    }
    List<String> names = known.stream().map(VerifiedJob::name).toList();
    throw new IllegalArgumentException(
        "verify knows "
            + String.join(", ", names.subList(0, names.size() - 1))
            + " and "
            + names.get(names.size() - 1)
            + " (or "
            + ALL
            + "), not "
            + name);
  }

  /** The job names for {@code --job}'s help, from the catalog. */
  final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return JobCatalog.names().iterator();
    }
  }
}
