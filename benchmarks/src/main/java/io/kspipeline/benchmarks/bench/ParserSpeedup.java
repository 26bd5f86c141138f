package io.kspipeline.benchmarks.bench;

import io.kspipeline.benchmarks.AccessLogParserBenchmark;
import java.nio.file.Path;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The JMH parser benchmark, run in a fork of its own: ns per line, ours and the regex one. */
record ParserSpeedup(double handNanos, double regexNanos) {

  static ParserSpeedup measure(boolean quick, Path log) throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(AccessLogParserBenchmark.class.getName() + "\\.")
            .warmupIterations(quick ? 3 : 5)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(quick ? 3 : 5)
            .measurementTime(TimeValue.seconds(quick ? 1 : 2))
            .forks(1)
            .output(log.toString())
            .build();
    Collection<RunResult> results = new Runner(options).run();
    double hand = Double.NaN;
    double regex = Double.NaN;
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      double score = result.getPrimaryResult().getScore();
      if (method.endsWith(".handWritten")) {
        hand = score;
      } else if (method.endsWith(".regex")) {
        regex = score;
      }
    }
    return new ParserSpeedup(hand, regex);
  }

  double speedup() {
    return regexNanos / handNanos;
  }
}
