package io.kspipeline.cli;

/**
 * The database of a verify run: it outlives every job JVM, and the jobs can be cut off from it for
 * an outage and let in again at the same URL, while verify itself reads it directly.
 */
interface VerifyDatabase extends AutoCloseable {
  /** The URL the jobs write to, which an outage cuts off. */
  String jobsUrl();

  /** The URL verify reads the tables and sessions with, unaffected by an outage. */
  String directUrl();

  /** Cuts the jobs off: every connection of theirs breaks, new ones are refused. */
  void stop() throws Exception;

  /** Lets the jobs in again at {@link #jobsUrl()}. */
  void restart() throws Exception;

  @Override
  void close() throws Exception;
}
