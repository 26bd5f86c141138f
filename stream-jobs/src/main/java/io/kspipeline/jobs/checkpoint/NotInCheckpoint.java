package io.kspipeline.jobs.checkpoint;

import static java.util.Map.entry;

import io.kspipeline.jobs.catalog.JobSpec.Api;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options a job may change between two starts on one checkpoint, and why: every other option of
 * a job is in its {@code checkpointOptions()} (a test holds each job to that).
 */
public final class NotInCheckpoint {
  private static final String SINK_REBUILT =
      "the sink is built afresh at every start; the checkpoint keeps no trace of it";

  /** Options of a Structured job that its checkpoint does not depend on. */
  private static final Map<String, String> STRUCTURED =
      Map.ofEntries(
          entry("--checkpoint", "where the checkpoint is"),
          entry("--trigger", "Spark lets a query change its trigger between runs"),
          entry(
              "--starting-offsets",
              "read at a query's first start only; later starts resume from the checkpoint"),
          entry("--max-offsets-per-trigger", "pacing, read at every start"),
          entry("--fail-on-data-loss", "read at every start"),
          entry("--console", SINK_REBUILT),
          entry("--master", "where Spark runs, not what the query computes"),
          entry(
              "--spark-conf",
              "Spark keeps the SQL settings a query depends on (shuffle partitions, state store"
                  + " provider) in its offsets and restores them itself; inspect shows them"),
          entry("--metrics-port", "monitoring"),
          entry(
              "--bootstrap",
              "how to reach the cluster (its broker list may change); the source is built afresh"
                  + " at every start and Spark checks the checkpoint's offsets against the"
                  + " partitions it finds"),
          entry("--kafka-config", "client settings (security, tuning), read at every start"),
          entry("-X", "client settings (security, tuning), read at every start"),
          entry("--registry", "decoding is built afresh at every start"),
          entry(
              "--jdbc-url",
              SINK_REBUILT
                  + "; a database that was not written before gets the windows that change from"
                  + " the restart on (reset --to earliest to fill it)"),
          entry("--jdbc-user", SINK_REBUILT),
          entry("--jdbc-password-env", SINK_REBUILT),
          entry("--jdbc-password-file", SINK_REBUILT),
          entry("--jdbc-retry-for", SINK_REBUILT),
          entry("--output-topic", SINK_REBUILT),
          entry("--output-format", SINK_REBUILT),
          entry(
              "--kafka-output",
              SINK_REBUILT
                  + "; a replayed batch is recognised by the markers of the batches written"
                  + " exactly once, and written again if it was written at least once"),
          entry("--dead-letters", SINK_REBUILT),
          entry("--dead-letter-topic", SINK_REBUILT),
          entry(
              "--log-format",
              "parsing is built afresh at every start: records read from then on are parsed the"
                  + " new way; counts so far stay"));

  /** Options a DStream job's graph and Spark settings do not capture. */
  private static final Map<String, String> DSTREAM =
      Map.ofEntries(
          entry("--checkpoint", "where the checkpoint is"),
          entry("--discard-checkpoint", "acts before the checkpoint is read: it moves it aside"),
          entry("--trigger", "Structured jobs only (DStream jobs have --batch)"),
          entry("--max-offsets-per-trigger", "Structured jobs only"),
          entry("--metrics-port", "Structured jobs only"),
          entry(
              "--starting-offsets",
              "only applies to partitions without a committed or checkpointed offset, which a"
                  + " restored job reads from their start anyway"),
          entry(
              "--fail-on-data-loss",
              "a restored job reads exactly the checkpoint's offset ranges and cannot skip any;"
                  + " the flag only changes the wording of the failure"),
          entry(
              "--jdbc-password-env",
              "the password is a secret and not recorded; the graph holds the one it started"
                  + " with, so after changing it reset the checkpoint"),
          entry(
              "--jdbc-password-file",
              "the password is a secret and not recorded; the graph holds the one it started"
                  + " with, so after changing it reset the checkpoint"),
          entry(
              "--jdbc-retry-for",
              "how a write waits for the database, not what it writes; the graph holds the value"
                  + " it started with (reset --to checkpoint to take another)"),
          entry("--kafka-config", "recorded with -X as --kafka-config/-X, secrets hidden"),
          entry("-X", "recorded with --kafka-config as --kafka-config/-X, secrets hidden"));

  /** Options of one job beyond its API's. */
  private static final Map<String, Map<String, String>> BY_JOB =
      Map.of(
          "error-alerts",
          Map.of(
              "--server-errors",
              "a filter without state, built afresh at every start",
              "--match",
              "a filter without state, built afresh at every start",
              "--continuous",
              "each mode keeps a checkpoint of its own (<checkpoint>/continuous/alerts)"),
          "hashtag-counts",
          Map.of("--dead-letter-topic", "recorded as the --dead-letters destination it gives"),
          "popular-hashtags",
          Map.of("--dead-letter-topic", "recorded as the --dead-letters destination it gives"));

  private NotInCheckpoint() {}

  /** Option → why a job may change it between two starts on one checkpoint. */
  public static Map<String, String> of(String job, Api api) {
    Map<String, String> free = new LinkedHashMap<>(api == Api.DSTREAM ? DSTREAM : STRUCTURED);
    free.putAll(BY_JOB.getOrDefault(job, Map.of()));
    return free;
  }
}
