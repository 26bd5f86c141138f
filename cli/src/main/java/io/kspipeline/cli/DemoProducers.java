package io.kspipeline.cli;

import io.kspipeline.core.config.PipelineCommandLine;
import io.kspipeline.producer.ProduceCommand;
import io.kspipeline.producer.ProducerLauncher;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The demo's producers, each the real {@code produce} command on its own thread: files replayed (at
 * --replay-speed) or synthetic data generated, finite (--count, for drained runs) or until the demo
 * stops.
 */
final class DemoProducers {
  /** What a producer run printed and returned. */
  record Outcome(int exitCode, String output) {}

  private final List<CompletableFuture<Outcome>> runs = new ArrayList<>();

  /** Starts producing access logs, tweets and web actions as the settings say. */
  static DemoProducers start(DemoSettings settings, String bootstrap, String registry) {
    DemoProducers producers = new DemoProducers();
    producers.run(
        "access-logs",
        settings.accessLog() == null ? List.of() : List.of(settings.accessLog()),
        settings,
        bootstrap,
        registry,
        settings.logRate());
    producers.run("tweets", settings.tweets(), settings, bootstrap, registry, settings.tweetRate());
    producers.run(
        "web-actions",
        settings.webActions() == null ? List.of() : List.of(settings.webActions()),
        settings,
        bootstrap,
        registry,
        settings.actionRate());
    return producers;
  }

  private void run(
      String kind,
      List<Path> files,
      DemoSettings settings,
      String bootstrap,
      String registry,
      int generatedRate) {
    List<String> args =
        new ArrayList<>(
            List.of(kind, "--bootstrap", bootstrap, "--registry", registry, "--progress", "none"));
    if (!files.isEmpty()) {
      for (Path file : files) {
        args.addAll(List.of("--file", file.toString()));
      }
      if (settings.replaySpeed() != null) {
        args.addAll(List.of("--replay-speed", settings.replaySpeed().toString()));
      }
    } else {
      // Event times as far apart as the records are sent: generated time keeps pace with the clock.
      args.addAll(
          List.of(
              "--generate",
              "--rate",
              String.valueOf(generatedRate),
              "--event-time-rate",
              String.valueOf(generatedRate)));
      if (settings.untilDrained()) {
        args.addAll(List.of("--count", String.valueOf(generatedRate * 30L)));
      }
    }
    runs.add(
        CompletableFuture.supplyAsync(
            () -> {
              StringWriter output = new StringWriter();
              var cli = PipelineCommandLine.create(new ProduceCommand());
              cli.setOut(new PrintWriter(output, true));
              cli.setErr(new PrintWriter(output, true));
              int exit = cli.execute(args.toArray(String[]::new));
              return new Outcome(exit, output.toString().strip());
            }));
  }

  /** Stops the producers (as SIGTERM would: each flushes and summarizes) and waits for them. */
  List<Outcome> stop() {
    ProducerLauncher.stopAll();
    return await();
  }

  /** Waits for every producer to finish (finite input) and returns their outcomes. */
  List<Outcome> await() {
    List<Outcome> outcomes = new ArrayList<>();
    for (CompletableFuture<Outcome> run : runs) {
      outcomes.add(run.join());
    }
    return outcomes;
  }
}
