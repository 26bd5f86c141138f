package io.kspipeline.producer;

import io.kspipeline.producer.run.ProgressReporter;
import picocli.CommandLine.Option;

/** How every producer sends: pacing and progress (a picocli mixin). */
public final class ProducerOptions {
  @Option(
      names = "--rate",
      paramLabel = "PER_SECOND",
      defaultValue = "0",
      description = "At most this many records per second (default: as fast as possible).")
  double rate;

  @Option(
      names = "--replay-speed",
      paramLabel = "X",
      defaultValue = "0",
      description =
          "Replay with the input's own gaps between event times divided by X (1 = real time,"
              + " 10 = ten times faster; default: off).")
  double replaySpeed;

  @Option(
      names = "--progress",
      defaultValue = "auto",
      description =
          "${COMPLETION-CANDIDATES}: a bar on a terminal, periodic lines otherwise (default: ${DEFAULT-VALUE}).")
  ProgressReporter.Mode progress;
}
