package io.kspipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code verify --db-outage D}: once the job's last run has written to the table, the database is
 * stopped for D and started again while the job runs. The job's writes wait and try again
 * (--jdbc-retry-for), so the run ends as it would have, with the same table.
 */
final class DatabaseOutage {
  private static final Duration PROGRESS_WAIT = Duration.ofMinutes(5);

  private DatabaseOutage() {}

  /**
   * Starts watching the table: the outage begins when it counts more than {@code before}.
   *
   * @return done when the database is back (or failed: the reason)
   */
  static CompletableFuture<Void> afterProgress(
      VerifyDatabase database, ResultTable table, long before, Duration outage, PrintWriter out) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            long deadline = System.nanoTime() + PROGRESS_WAIT.toNanos();
            long counted;
            while ((counted = table.total()) <= before) {
              if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                    "the job wrote nothing in " + PROGRESS_WAIT + ": no outage to test");
              }
              TimeUnit.MILLISECONDS.sleep(100); // polling the table for the job's progress
            }
            database.stop();
            say(out, "database outage: stopped at %d units in the table, for %s", counted, outage);
            TimeUnit.MILLISECONDS.sleep(outage.toMillis());
            database.restart();
            say(out, "database outage: the database is back");
          } catch (Exception e) {
            throw new IllegalStateException("the database outage failed: " + e.getMessage(), e);
          }
        });
  }

  private static void say(PrintWriter out, String format, Object... args) {
    synchronized (out) {
      out.println("verify: " + String.format(format, args));
      out.flush();
    }
  }
}
