package io.kspipeline.cli;

import io.kspipeline.core.config.PipelineCommandLine;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code verify --soak}: every job of the demo on a steady generated load for a while, sampled at
 * intervals; fails when memory, state, batch times or lag keep rising after the warm-up (the time
 * the windows take to start closing).
 *
 * @param duration how long the load runs
 * @param logRate access-log lines per second; tweets and web actions at a fifth of it, the demo's
 *     proportions
 * @param every sampling interval
 * @param warmUp samples before it are shown but not judged
 */
record VerifySoak(Duration duration, int logRate, Duration every, Duration warmUp) {
  /** Runs the soak in {@code run} and returns the exit code: 1 when a figure kept rising. */
  int run(Path run, PrintWriter out) {
    SoakSampler sampler = new SoakSampler(every, out);
    CommandLine demo = PipelineCommandLine.create(new DemoCommand().observedBy(sampler));
    demo.setOut(out);
    demo.setErr(out);
    int sideRate = Math.max(1, logRate / 5);
    int exit =
        demo.execute(
            "--work-dir",
            run.resolve("demo").toString(),
            "--for",
            duration.toString(),
            "--log-rate",
            String.valueOf(logRate),
            "--tweet-rate",
            String.valueOf(sideRate),
            "--action-rate",
            String.valueOf(sideRate));
    List<SoakSample> judged = sampler.after(warmUp);
    List<String> rising = SoakTrend.rising(judged);
    out.printf(
        "verify: soak duration=%s rate=%d samples=%d judged=%d rising=%s%n",
        duration.toString().substring(2).toLowerCase(java.util.Locale.ROOT),
        logRate,
        sampler.samples().size(),
        judged.size(),
        rising.isEmpty() ? "none" : String.join("; ", rising));
    out.flush();
    if (exit != 0) {
      out.println("verify: the demo under the soak failed (exit " + exit + ")");
      return 1;
    }
    if (judged.size() < 3) {
      out.println(
          "verify: fewer than 3 samples after the warm-up: nothing to judge; run longer or sample"
              + " more often (--soak-sample)");
      return 1;
    }
    return rising.isEmpty() ? 0 : 1;
  }
}
