package io.kspipeline.cli;

import io.kspipeline.cli.JobRunArgs.RunKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;

/**
 * Runs the job in a JVM of its own, one run at a time on the same checkpoint and database: runs
 * that are SIGKILLed once they have counted something new, and a last run that drains the input.
 */
final class JobCrashLoop {
  private static final Duration DEADLINE = Duration.ofMinutes(5);

  /**
   * Random kills land up to one trigger (batch) interval after the table showed progress:
   * mid-batch, or between batches.
   */
  private static final int MAX_KILL_DELAY_MS = 1000;

  /** How long an aimed kill waits for the job to open a JDBC transaction. */
  private static final Duration TRANSACTION_WAIT = Duration.ofSeconds(30);

  private final VerifiedJob job;
  private final VerifySetup setup;
  private final JobProgress progress;
  private final String probeJdbcUrl;
  private final Random random;
  private final PrintWriter out;
  private JobRun.RegistryWait registryWait;
  private int killsInOpenTransaction;

  JobCrashLoop(
      VerifiedJob job,
      VerifySetup setup,
      JobProgress progress,
      String probeJdbcUrl,
      Random random,
      PrintWriter out) {
    this.job = job;
    this.setup = setup;
    this.progress = progress;
    this.probeJdbcUrl = probeJdbcUrl;
    this.random = random;
    this.out = out;
  }

  /**
   * Starts every run again that ends at start because the schema registry does not answer, for up
   * to {@code wait} (a registry outage under test).
   */
  void restartWhileRegistryDown(JobRun.RegistryWait wait) {
    this.registryWait = wait;
  }

  /**
   * Starts a run, waits until it has counted more than before, and SIGKILLs it: on even runs of a
   * job with a table inside an open JDBC transaction of its sink, otherwise after a random delay.
   */
  void runAndKill(int run, int backlog) throws Exception {
    long before = progress.units();
    try (JobRun process = start(run, backlog, RunKind.STOPPED)) {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      long counted;
      while ((counted = progress.units()) <= before) {
        checkAlive(process, deadline, "made no progress");
        Thread.sleep(100); // polling the table (or the output topic) for the job's progress
      }
      if (run % 2 == 0 && job.hasTable() && killInOpenTransaction(run, process)) {
        return;
      }
      int delay = random.nextInt(MAX_KILL_DELAY_MS);
      if (process.awaitExit(Duration.ofMillis(delay))) {
        throw new IllegalStateException(
            "run " + run + " ended by itself (exit " + process.exitValue() + ")");
      }
      process.kill();
      say("run %d: SIGKILL %d ms after the job's results reached %d units", run, delay, counted);
    }
  }

  /** SIGKILLs between the job sink's first write and its commit, if that comes in time. */
  private boolean killInOpenTransaction(int run, JobRun process) throws Exception {
    try (TransactionProbe probe = new TransactionProbe(probeJdbcUrl)) {
      long deadline = System.nanoTime() + TRANSACTION_WAIT.toNanos();
      while (System.nanoTime() < deadline && process.isAlive()) {
        // The snapshot precedes the sighting: if it is unchanged once the database has let go
        // of the dead job's session, the transaction seen open was never committed.
        Map<String, Long> committed = probe.committedBatches();
        if (!probe.openTransaction()) {
          continue; // polled flat out: a transaction lasts milliseconds
        }
        process.kill();
        awaitRollback(probe);
        if (probe.committedBatches().equals(committed)) {
          killsInOpenTransaction++;
          say(
              "run %d: SIGKILL inside an open JDBC transaction; the database rolled it back"
                  + " (ledger still at %s)",
              run, committed);
        } else {
          say("run %d: SIGKILL as a JDBC transaction committed (ledger moved on)", run);
        }
        return true;
      }
      say(
          "run %d: no JDBC transaction seen open in %s; a random kill instead",
          run, TRANSACTION_WAIT);
      return false;
    }
  }

  /** Waits until no session holds uncommitted changes: the server has dropped the dead one. */
  private static void awaitRollback(TransactionProbe probe) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (probe.openTransaction()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the killed job's transaction is still open in the database after 30 s");
      }
      Thread.sleep(20); // polling the database's sessions
    }
  }

  /** Something done to the job's surroundings while a run goes on, e.g. broker kills. */
  interface Disruption {
    void during(RunProgress progress) throws Exception;
  }

  /** The running job's progress: units in its table (or topic), and a wait for more. */
  interface RunProgress {
    long counted() throws Exception;

    /** Returns once the table holds more than {@code units}; fails if the job dies or stalls. */
    void awaitBeyond(long units) throws Exception;
  }

  /**
   * A paced run that must keep going through {@code disruption}: it may not die, and it must count
   * whenever the disruption waits for it. It is then stopped with SIGTERM; the next run continues
   * from its checkpoint.
   */
  void runThrough(int run, int backlog, String what, Disruption disruption) throws Exception {
    Path log = setup.workDir().resolve("job-run-" + run + "-" + what + ".log");
    say("run %d: starting %s through %s (log %s)", run, job.name(), what, log);
    try (JobRun process =
        JobRun.start(run, log, job.args(setup, backlog, RunKind.STOPPED), registryWait, out)) {
      RunProgress running = progressOf(process);
      running.awaitBeyond(progress.units());
      disruption.during(running);
      checkAlive(process, System.nanoTime() + DEADLINE.toNanos(), "ended");
      say("run %d: kept running through %s; stopping it (SIGTERM)", run, what);
    }
  }

  /**
   * A paced run that is SIGKILLed while {@code disruption} lasts: once it has counted something,
   * the disruption begins (and may wait for more progress), then the kill comes, so that the next
   * run starts in the disruption.
   */
  void runAndKillDuring(int run, int backlog, String what, Disruption disruption) throws Exception {
    try (JobRun process = start(run, backlog, RunKind.STOPPED)) {
      RunProgress running = progressOf(process);
      running.awaitBeyond(progress.units());
      disruption.during(running);
      checkAlive(process, System.nanoTime() + DEADLINE.toNanos(), "ended");
      process.kill();
      say("run %d: SIGKILL during the %s, at %d units", run, what, progress.units());
    }
  }

  private RunProgress progressOf(JobRun process) {
    return new RunProgress() {
      @Override
      public long counted() throws Exception {
        return progress.units();
      }

      @Override
      public void awaitBeyond(long units) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (progress.units() <= units) {
          checkAlive(process, deadline, "made no progress");
          Thread.sleep(100); // polling the table (or the output topic) for the progress
        }
      }
    };
  }

  /** How many kills were shown to land inside an open JDBC transaction. */
  int killsInOpenTransaction() {
    return killsInOpenTransaction;
  }

  /** The last run: until the job has processed all input, then it ends (or is stopped). */
  void drain(int run, int backlog) throws Exception {
    drain(run, backlog, RunKind.DRAINED);
  }

  /**
   * The last run, writing for several batches even when it ends by itself: an outage that begins
   * after its first write meets the writes after it.
   */
  void drainInSteps(int run, int backlog) throws Exception {
    drain(run, backlog, RunKind.DRAINED_IN_STEPS);
  }

  private void drain(int run, int backlog, RunKind kind) throws Exception {
    try (JobRun process = start(run, backlog, kind)) {
      long deadline = System.nanoTime() + DEADLINE.toNanos();
      if (job.endsWhenDrained()) {
        if (!process.awaitExit(DEADLINE)) {
          throw new IllegalStateException("the last run did not end in " + DEADLINE);
        }
        if (process.exitValue() != 0) {
          throw new IllegalStateException(
              "the last run failed (exit " + process.exitValue() + "):\n" + process.logTail());
        }
      } else {
        try (Admin admin = Admin.create(setup.kafkaClient())) {
          // The DStream job commits offsets after a batch's outputs: committed at the end means
          // every record is in the table and the topic.
          while (!DemoDrain.atEnd(admin, setup.groupId(), setup.inputTopic())) {
            checkAlive(process, deadline, "did not reach the end of its input");
            Thread.sleep(200); // polling the committed offsets
          }
        }
      }
      say("run %d: drained", run);
    }
  }

  private JobRun start(int run, int backlog, RunKind kind) throws Exception {
    Path log = setup.workDir().resolve("job-run-" + run + ".log");
    say("run %d: starting %s (log %s)", run, job.name(), log);
    return JobRun.start(run, log, job.args(setup, backlog, kind), registryWait, out);
  }

  private static void checkAlive(JobRun process, long deadline, String what) throws Exception {
    if (!process.isAlive()) {
      throw new IllegalStateException("the job died:\n" + process.logTail());
    }
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException(
          "the job " + what + " in " + DEADLINE + ":\n" + process.logTail());
    }
  }

  private void say(String format, Object... args) {
    out.println("verify: " + String.format(format, args));
    out.flush();
  }
}
