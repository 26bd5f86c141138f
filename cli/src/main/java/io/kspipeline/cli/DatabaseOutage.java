package io.kspipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code verify --db-outage D}: once the job's last run has written to the table, the database is
 * stopped for D and started again while the job runs (verify's own H2 server, or the proxy in front
 * of a --jdbc-url server). The job's writes wait and try again (--jdbc-retry-for), so the run ends
 * as it would have, with the same table.
 */
final class DatabaseOutage {
  private DatabaseOutage() {}

  /**
   * Starts watching the table: the outage begins when it counts more than {@code before}.
   *
   * @return done when the database is back (or failed: the reason)
   */
  static CompletableFuture<Void> afterProgress(
      VerifyDatabase database, ResultTable table, long before, Duration outage, PrintWriter out) {
    return new Outage("database", "the database", database::stop, database::restart, outage, out)
        .afterProgress(table::total, before, "units in the table");
  }
}
