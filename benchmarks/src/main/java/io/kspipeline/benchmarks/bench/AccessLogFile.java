package io.kspipeline.benchmarks.bench;

import io.kspipeline.producer.source.GeneratedAccessLogs;
import io.kspipeline.producer.source.InputLine;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The producer generator's combined-format lines, written to a file for P1. */
final class AccessLogFile {
  private AccessLogFile() {}

  static void write(Path file, long seed, long lines, double eventsPerSecond) throws IOException {
    GeneratedAccessLogs source =
        new GeneratedAccessLogs(seed, lines, Instant.now(), eventsPerSecond);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (InputLine line = source.next(); line != null; line = source.next()) {
        out.write(line.text());
        out.newLine();
      }
    }
  }
}
