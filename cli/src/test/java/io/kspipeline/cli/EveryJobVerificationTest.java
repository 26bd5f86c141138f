package io.kspipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** verify --job all: every job runs, failures and errors are named in the summary. */
class EveryJobVerificationTest {
  private final StringWriter out = new StringWriter();
  private final EveryJobVerification every = new EveryJobVerification(new PrintWriter(out));

  @Test
  void shouldRunEveryJobAndSayNoneFailed() throws Exception {
    List<String> ran = new ArrayList<>();
    int exit =
        every.run(
            VerifiedJob.all(),
            job -> {
              ran.add(job.name());
              return 0;
            });
    assertThat(exit).isZero();
    assertThat(ran).hasSize(8);
    assertThat(out.toString()).endsWith(String.format("verify: all jobs=8 failed=none%n"));
  }

  @Test
  void shouldNameTheJobsThatFailedOrBrokeAndGoOn() throws Exception {
    List<String> ran = new ArrayList<>();
    int exit =
        every.run(
            VerifiedJob.all(),
            job -> {
              ran.add(job.name());
              if (job.name().equals("error-lines")) {
                throw new IllegalStateException("the job died");
              }
              return job.name().equals("top-urls") ? 1 : 0;
            });
    assertThat(exit).isEqualTo(1);
    assertThat(ran).hasSize(8);
    assertThat(out.toString())
        .contains("verify: job=error-lines error: java.lang.IllegalStateException: the job died")
        .endsWith(String.format("verify: all jobs=8 failed=top-urls,error-lines%n"));
  }
}
