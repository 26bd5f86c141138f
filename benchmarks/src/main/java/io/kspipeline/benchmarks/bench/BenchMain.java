package io.kspipeline.benchmarks.bench;

import io.kspipeline.core.config.PipelineCommandLine;

/** Main class of {@code bin/pipeline bench} (the benchmarks module's own class path). */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    System.exit(PipelineCommandLine.run(new BenchCommand(), args));
  }
}
