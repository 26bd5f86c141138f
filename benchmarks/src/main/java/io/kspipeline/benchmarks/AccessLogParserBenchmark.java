package io.kspipeline.benchmarks;

import io.kspipeline.core.logs.AccessLogParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Nanoseconds per line: the hand-written parser against the regex one, on the same lines. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AccessLogParserBenchmark {
  static final int LINES = 1024;

  private final AccessLogParser handWritten = AccessLogParser.autoDetecting();
  private final RegexAccessLogParser regex = new RegexAccessLogParser();
  private String[] lines;

  @Setup
  public void generateLines() {
    lines = SampleLines.generate(LINES, 20161226L);
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void handWritten(Blackhole sink) {
    for (String line : lines) {
      sink.consume(handWritten.parse(line));
    }
  }

  @Benchmark
  @OperationsPerInvocation(LINES)
  public void regex(Blackhole sink) {
    for (String line : lines) {
      sink.consume(regex.parse(line));
    }
  }
}
