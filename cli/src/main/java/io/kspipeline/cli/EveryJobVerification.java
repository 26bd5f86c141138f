package io.kspipeline.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code verify --job all}: every job in turn, each printing what a verify of it alone prints, then
 * one summary line. A job whose verify fails with an error counts as failed, and the others still
 * run.
 */
final class EveryJobVerification {
  /** A verify of one job: its exit code. */
  @FunctionalInterface
  interface OneJob {
    int verify(VerifiedJob job) throws Exception;
  }

  private final PrintWriter out;

  EveryJobVerification(PrintWriter out) {
    this.out = out;
  }

  /** Exit code 1 when any job failed. */
  int run(List<VerifiedJob> jobs, OneJob verify) throws InterruptedException {
    List<String> failed = new ArrayList<>();
    for (VerifiedJob job : jobs) {
      int exit;
      try {
        exit = verify.verify(job);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        out.printf("verify: job=%s error: %s%n", job.name(), e);
        exit = 1;
      }
      if (exit != 0) {
        failed.add(job.name());
      }
      out.flush();
    }
    out.printf(
        "verify: all jobs=%d failed=%s%n",
        jobs.size(), failed.isEmpty() ? "none" : String.join(",", failed));
    out.flush();
    return failed.isEmpty() ? 0 : 1;
  }
}
