package io.kspipeline.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A service the job depends on, stopped for a while under a running job and then started again, in
 * the background: {@code verify: <name> outage: stopped at ...}, then {@code verify: <name> outage:
 * the <service> is back}.
 */
final class Outage {
  private static final Duration PROGRESS_WAIT = Duration.ofMinutes(5);

  /** Stopping or starting the service. */
  interface Action {
    void run() throws Exception;
  }

  private final String name;
  private final String service;
  private final Action stop;
  private final Action restart;
  private final Duration length;
  private final PrintWriter out;

  /**
   * @param name the outage's name in its lines, e.g. {@code database}
   * @param service what comes back, e.g. {@code the database}
   */
  Outage(
      String name, String service, Action stop, Action restart, Duration length, PrintWriter out) {
    this.name = name;
    this.service = service;
    this.stop = stop;
    this.restart = restart;
    this.length = length;
    this.out = out;
  }

  /**
   * Watches the job's progress: the outage begins when it counts more than {@code before}.
   *
   * @param units what the progress counts, e.g. {@code units in the table}
   * @return done when the service is back (or failed: the reason)
   */
  CompletableFuture<Void> afterProgress(JobProgress progress, long before, String units) {
    return inBackground(
        () -> {
          long deadline = System.nanoTime() + PROGRESS_WAIT.toNanos();
          long counted;
          while ((counted = progress.units()) <= before) {
            if (System.nanoTime() > deadline) {
              throw new IllegalStateException(
                  "the job wrote nothing in " + PROGRESS_WAIT + ": no outage to test");
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling for the job's progress
          }
          stopNow(counted, units);
          restartLater();
        });
  }

  /**
   * Stops the service now, and starts it again after the outage's length, in the background.
   *
   * @param counted the job's progress at the start, for the line
   * @return done when the service is back (or failed: the reason)
   */
  CompletableFuture<Void> begin(long counted, String units) throws Exception {
    stopNow(counted, units);
    return inBackground(this::restartLater);
  }

  private void stopNow(long counted, String units) throws Exception {
    stop.run();
    say("%s outage: stopped at %d %s, for %s", name, counted, units, length);
  }

  private void restartLater() throws Exception {
    TimeUnit.MILLISECONDS.sleep(length.toMillis());
    restart.run();
    say("%s outage: %s is back", name, service);
  }

  /** On a thread of its own: an outage sleeps, and must not hold up a shared pool's only worker. */
  private CompletableFuture<Void> inBackground(Action task) {
    return CompletableFuture.runAsync(
        () -> {
          try {
            task.run();
          } catch (Exception e) {
            throw new IllegalStateException(name + " outage failed: " + e.getMessage(), e);
          }
        },
        runnable -> {
          Thread thread = new Thread(runnable, name + "-outage");
          thread.setDaemon(true);
          thread.start();
        });
  }

  private void say(String format, Object... args) {
    synchronized (out) {
      out.println("verify: " + String.format(format, args));
      out.flush();
    }
  }
}
