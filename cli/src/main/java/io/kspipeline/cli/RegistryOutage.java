package io.kspipeline.cli;

import io.kspipeline.schemas.registry.RegistryHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code verify --registry-outage D}: the run's schema registry served over HTTP to the job and the
 * producer, stopped under the last killed run once it has counted something, then started again on
 * the same port. The running job has its schemas cached and must count on; it is then SIGKILLed
 * inside the outage, so the next run starts while the registry is down: it ends at start with one
 * line, and is started again until the registry answers ({@link JobRun}), then goes on from its
 * checkpoint.
 *
 * <p>The registry stays down for D, and beyond until a run has been refused: on a slow machine the
 * next run may take longer than D to reach the registry, and would then not meet the outage.
 */
final class RegistryOutage implements JobCrashLoop.Disruption, AutoCloseable {
  static final String NAME = "registry outage";

  /** How long the registry stays down past D for a run to be refused. */
  private static final Duration REFUSAL_WAIT = Duration.ofMinutes(3);

  private final RegistryHttpServer server;
  private final Duration length;
  private final String units;
  private final Outage outage;
  private final PrintWriter out;
  private final CompletableFuture<Void> refused = new CompletableFuture<>();
  private CompletableFuture<Void> back = CompletableFuture.completedFuture(null);

  private RegistryOutage(
      RegistryHttpServer server, VerifiedJob job, Duration length, PrintWriter out) {
    this.server = server;
    this.length = length;
    this.units = job.hasTable() ? "units in the table" : "records in the output topic";
    this.outage =
        new Outage(
            "registry", "the schema registry", server::stop, this::restartOnceRefused, length, out);
    this.out = out;
  }

  /** Serves the registry kept in {@code storeDir} on a free port. */
  static RegistryOutage serve(Path storeDir, VerifiedJob job, Duration length, PrintWriter out)
      throws IOException {
    return new RegistryOutage(RegistryHttpServer.start(storeDir, 0), job, length, out);
  }

  /** The registry's URL, for the job's and the producer's --registry. */
  String url() {
    return server.url();
  }

  /**
   * How runs that cannot reach the registry are started again: for as long as it may be down, and a
   * minute more; each refusal lets the registry come back.
   */
  JobRun.RegistryWait restarts() {
    return new JobRun.RegistryWait(
        length.plus(REFUSAL_WAIT).plus(Duration.ofMinutes(1)), () -> refused.complete(null));
  }

  /**
   * Stops the registry, and returns once the running job has counted on without it, while the
   * registry is still down.
   */
  @Override
  public void during(JobCrashLoop.RunProgress running) throws Exception {
    long counted = running.counted();
    back = outage.begin(counted, units);
    running.awaitBeyond(counted);
    if (refused.isDone()) {
      // The run ended for the outage and was started again: it did not count on without it.
      throw new IllegalStateException(
          "the running job stopped for the registry outage instead of counting on with its"
              + " cached schemas");
    }
    say(
        "registry outage: the running job counted on to %d %s with its cached schemas",
        running.counted(), units);
  }

  /** Returns once the registry is back (the outage's own failure, if it failed). */
  void awaitBack() throws Exception {
    back.get(
        length.plus(REFUSAL_WAIT).plus(Duration.ofMinutes(1)).toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    server.close();
  }

  private void restartOnceRefused() throws Exception {
    if (!refused.isDone()) {
      say("registry outage: %s over; kept down until a run started inside it is refused", length);
      try {
        refused.get(REFUSAL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        say("registry outage: no run was refused in %s; serving the registry again", REFUSAL_WAIT);
      }
    }
    server.restart();
  }

  private void say(String format, Object... args) {
    synchronized (out) {
      out.println("verify: " + String.format(format, args));
      out.flush();
    }
  }
}
